package de.timkim.organisations.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A department of an organisation with its contact data, for the VZD. */
@Entity
@Table(name = "directory_entry")
@NamedQuery(
    name = DirectoryEntry.OF_ORGANISATION,
    query =
        "select e from DirectoryEntry e where e.organisationId = :organisationId"
            + " order by e.department, e.id")
public class DirectoryEntry implements Serializable {

  private static final long serialVersionUID = 1L;

  static final String OF_ORGANISATION = "DirectoryEntry.ofOrganisation";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "entry_id")
  private Long id;

  @Column(name = "organisation_id", nullable = false, length = 64)
  private String organisationId;

  @Column(name = "department", nullable = false)
  private String department;

  @Column(name = "phone", length = 64)
  private String phone;

  @Column(name = "email")
  private String email;

  @Column(name = "address", length = 500)
  private String address;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected DirectoryEntry() {}

  DirectoryEntry(
      String organisationId,
      String department,
      String phone,
      String email,
      String address,
      long createdAt) {
    this.organisationId = organisationId;
    this.department = department;
    this.phone = phone;
    this.email = email;
    this.address = address;
    this.createdAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  String organisationId() {
    return organisationId;
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
