package de.timkim.admin.retention;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.notices.OrganisationNotices;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** How long each of the organisation's messenger services keeps messages and files. */
@Named
@ViewScoped
public class RetentionView implements Serializable {

  private static final long serialVersionUID = 1L;

  /** TI-M's choices; 0 is "off". */
  public static final List<Integer> CHOICES = List.of(0, 3, 6, 9, 12);

  @Inject transient OrganisationNotices notices;

  @Inject PortalTenant tenant;

  private List<String> services = List.of();
  private String service;
  private int months;

  public void load() {
    services = tenant.scope().serverNames();
    service = services.isEmpty() ? null : services.get(0);
    reload();
  }

  public void reload() {
    if (service == null) {
      return;
    }
    try {
      months = notices.retentionMonths(tenant.scopeFor(service));
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
  }

  public void save() {
    try {
      int told = notices.changeRetention(tenant.scopeFor(service), months);
      PortalMessages.info("retention.saved", told);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public List<Integer> getChoices() {
    return CHOICES;
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

  public int getMonths() {
    return months;
  }

  public void setMonths(int months) {
    this.months = months;
  }
}
