package de.timkim.organisations.directory;

import java.io.Serializable;

/** A directory entry as the portal and the REST API show it (the entity stays in the EJB tier). */
public record DepartmentContact(
    long id, String department, String phone, String email, String address)
    implements Serializable {

  static DepartmentContact of(DirectoryEntry entry) {
    return new DepartmentContact(
        entry.getId(),
        entry.getDepartment(),
        entry.getPhone(),
        entry.getEmail(),
        entry.getAddress());
  }

  // getters for the portal's expression language (records have none of their own in EL 5)

  public long getId() {
    return id;
  }

  public String getDepartment() {
    return department;
  }

  public String getPhone() {
    return phone;
  }

  public String getEmail() {
    return email;
  }

  public String getAddress() {
    return address;
  }
}
