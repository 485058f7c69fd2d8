package de.timkim.admin.directory;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.TenantScope;
import de.timkim.organisations.directory.DepartmentContact;
import de.timkim.organisations.directory.OrganisationDirectory;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Departments with contact data and the users the organisation publishes in the VZD. */
@Named
@ViewScoped
public class DirectoryView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient OrganisationDirectory directory;

  @Inject PortalTenant tenant;

  private List<DepartmentContact> entries = List.of();
  private List<String> published = List.of();
  private String department;
  private String phone;
  private String email;
  private String address;
  private String userId;

  public void load() {
    TenantScope scope = tenant.scope();
    entries = directory.entries(scope);
    published = directory.publishedUsers(scope);
  }

  public void addEntry() {
    try {
      directory.addEntry(tenant.scope(), department, phone, email, address);
      PortalMessages.info("directory.entryAdded", department);
      department = null;
      phone = null;
      email = null;
      address = null;
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    load();
  }

  public void removeEntry(long id) {
    try {
      directory.removeEntry(tenant.scope(), id);
      PortalMessages.info("directory.entryRemoved");
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    load();
  }

  public void publish() {
    try {
      directory.publish(tenant.scope(), userId == null ? null : userId.trim());
      PortalMessages.info("directory.published", userId);
      userId = null;
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    load();
  }

  public void unpublish(String user) {
    try {
      directory.unpublish(tenant.scope(), user);
      PortalMessages.info("directory.unpublished", user);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
    load();
  }

  public List<DepartmentContact> getEntries() {
    return entries;
  }

  public List<String> getPublished() {
    return published;
  }

  public String getDepartment() {
    return department;
  }

  public void setDepartment(String department) {
    this.department = department;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }
}
