package de.timkim.admin.sessions;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.members.UserAdministration;
import de.timkim.admin.members.UserSession;
import de.timkim.admin.web.PortalMessages;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The logged-in devices of one user ({@code ?user=}): last seen, log out one or all. */
@Named
@ViewScoped
public class SessionsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient UserAdministration users;

  @Inject PortalTenant tenant;

  private String userId;
  private List<UserSession> devices = List.of();

  /** On first GET of the page (f:viewAction), not on its own postbacks. */
  public void load() {
    userId =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("user");
    reload();
  }

  private void reload() {
    if (userId == null) {
      return;
    }
    try {
      devices = users.sessions(tenant.scope(), userId);
    } catch (AdminException refused) {
      devices = List.of();
      userId = null;
      PortalMessages.refused(refused);
    }
  }

  public void logOut(String deviceId) {
    try {
      users.logOut(tenant.scope(), userId, deviceId);
      PortalMessages.info("sessions.loggedOut", deviceId);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public void logOutAll() {
    try {
      users.logOutAll(tenant.scope(), userId);
      PortalMessages.info("sessions.allLoggedOut");
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public String dateTime(Long epochMillis) {
    return PortalMessages.dateTime(epochMillis);
  }

  public String getUserId() {
    return userId;
  }

  public List<UserSession> getDevices() {
    return devices;
  }
}
