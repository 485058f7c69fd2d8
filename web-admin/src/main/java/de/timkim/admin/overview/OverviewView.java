package de.timkim.admin.overview;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.ServiceSummary;
import de.timkim.organisations.registration.OrganisationRegistration;
import de.timkim.status.ServiceStatus;
import de.timkim.status.StatusService;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The admin's organisation: its messenger services, a new one, and the installation's state. */
@Named
@ViewScoped
public class OverviewView implements Serializable {

  private static final long serialVersionUID = 2L;

  @Inject transient StatusService statusService;

  @Inject transient Organisations organisations;

  @Inject transient OrganisationRegistration registration;

  @Inject PortalTenant tenant;

  private ServiceStatus status;
  private String organisationName;
  private List<ServiceRow> services;
  private String newSubDomain;

  /** One messenger service as the overview lists it. */
  public record ServiceRow(
      String serverName, String createdAt, String authentication, String provisioning)
      implements Serializable {
    public String getAuthentication() {
      return authentication;
    }

    public String getProvisioning() {
      return provisioning;
    }

    public String getServerName() {
      return serverName;
    }

    public String getCreatedAt() {
      return createdAt;
    }
  }

  @PostConstruct
  void load() {
    status = statusService.check();
    organisationName = organisations.organisationName(tenant.scope());
    loadServices();
  }

  private void loadServices() {
    services =
        registration.serviceStates(tenant.scope()).stream()
            .map(
                s ->
                    new ServiceRow(
                        s.serverName(),
                        PortalMessages.dateTime(s.createdAt()),
                        s.authentication(),
                        s.provisioning()))
            .toList();
  }

  public void createService() {
    try {
      ServiceSummary created = organisations.createService(tenant.scope(), newSubDomain);
      PortalMessages.info("overview.serviceCreated", created.serverName());
      newSubDomain = null;
      loadServices();
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
  }

  public String getOrganisationName() {
    return organisationName;
  }

  public List<ServiceRow> getServices() {
    return services;
  }

  public ServiceStatus getStatus() {
    return status;
  }

  public String getNewSubDomain() {
    return newSubDomain;
  }

  public void setNewSubDomain(String newSubDomain) {
    this.newSubDomain = newSubDomain;
  }
}
