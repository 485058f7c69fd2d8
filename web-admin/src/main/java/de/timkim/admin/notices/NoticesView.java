package de.timkim.admin.notices;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.notices.OrganisationNotices;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** A system notice to all users of one messenger service; they find it in their notices room. */
@Named
@ViewScoped
public class NoticesView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient OrganisationNotices notices;

  @Inject PortalTenant tenant;

  private List<String> services = List.of();
  private String service;
  private String body;

  public void load() {
    services = tenant.scope().serverNames();
    service = services.isEmpty() ? null : services.get(0);
  }

  public void send() {
    try {
      int delivered = notices.sendToAll(tenant.scopeFor(service), body);
      PortalMessages.info("notices.sent", delivered);
      body = null;
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
  }

  public List<String> getServices() {
    return services;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }
}
