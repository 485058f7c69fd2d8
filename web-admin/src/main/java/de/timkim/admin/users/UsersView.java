package de.timkim.admin.users;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.members.IssuedCode;
import de.timkim.admin.members.ManagedUser;
import de.timkim.admin.members.UserAdministration;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.ServiceScope;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Users of one messenger service of the admin's organisation ({@code ?service=} picks which): add,
 * rename, deactivate or remove them, issue their Benutzereinführungscode, list the codes.
 */
@Named
@ViewScoped
public class UsersView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient UserAdministration users;

  @Inject PortalTenant tenant;

  private List<String> services;
  private String service;
  private List<ManagedUser> userList = List.of();
  private List<IssuedCode> codes = List.of();

  private String newUserName;
  private String newDisplayName;
  private int codeValidityHours = 72;
  private String editedUserId;
  private String editedDisplayName;
  private IssuedCode issued;

  /** On first GET of the page (f:viewAction), not on its own postbacks. */
  public void load() {
    services = tenant.scope().serverNames();
    String requested =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestParameterMap()
            .get("service");
    service = requested != null ? requested : services.isEmpty() ? null : services.get(0);
    reload();
  }

  /** Re-reads users and codes; a service of another organisation shows nothing but the refusal. */
  public void reload() {
    if (service == null) {
      return;
    }
    try {
      ServiceScope scope = tenant.scopeFor(service);
      userList = users.users(scope);
      codes = users.codes(scope);
    } catch (AdminException refused) {
      userList = List.of();
      codes = List.of();
      service = null;
      PortalMessages.refused(refused);
    }
  }

  public void addUser() {
    try {
      ManagedUser added = users.addUser(tenant.scopeFor(service), newUserName, newDisplayName);
      PortalMessages.info("users.added", added.userId());
      newUserName = null;
      newDisplayName = null;
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public void issueCode(String userId) {
    try {
      issued = users.issueCode(tenant.scope(), userId, codeValidityHours);
      PortalMessages.info("users.codeIssued", userId);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public void startEditing(ManagedUser user) {
    editedUserId = user.userId();
    editedDisplayName = user.displayName();
  }

  public void saveEdit() {
    try {
      users.rename(tenant.scope(), editedUserId, editedDisplayName);
      PortalMessages.info("users.renamed", editedUserId);
      editedUserId = null;
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public void cancelEdit() {
    editedUserId = null;
  }

  public void deactivate(String userId) {
    try {
      users.deactivate(tenant.scope(), userId);
      PortalMessages.info("users.deactivated", userId);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public void remove(String userId) {
    try {
      users.remove(tenant.scope(), userId);
      PortalMessages.info("users.removed", userId);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    reload();
  }

  public String dateTime(Long epochMillis) {
    return PortalMessages.dateTime(epochMillis);
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

  public List<ManagedUser> getUsers() {
    return userList;
  }

  public List<IssuedCode> getCodes() {
    return codes;
  }

  public IssuedCode getIssued() {
    return issued;
  }

  public String getNewUserName() {
    return newUserName;
  }

  public void setNewUserName(String newUserName) {
    this.newUserName = newUserName;
  }

  public String getNewDisplayName() {
    return newDisplayName;
  }

  public void setNewDisplayName(String newDisplayName) {
    this.newDisplayName = newDisplayName;
  }

  public int getCodeValidityHours() {
    return codeValidityHours;
  }

  public void setCodeValidityHours(int codeValidityHours) {
    this.codeValidityHours = codeValidityHours;
  }

  public String getEditedUserId() {
    return editedUserId;
  }

  public String getEditedDisplayName() {
    return editedDisplayName;
  }

  public void setEditedDisplayName(String editedDisplayName) {
    this.editedDisplayName = editedDisplayName;
  }
}
