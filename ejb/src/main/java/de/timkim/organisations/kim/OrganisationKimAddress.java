package de.timkim.organisations.kim;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One KIM address assigned to an organisation. */
@Entity
@Table(name = "organisation_kim_address")
@NamedQuery(
    name = OrganisationKimAddress.OF_ORGANISATION,
    query =
        "select a from OrganisationKimAddress a where a.organisationId = :organisationId"
            + " order by a.address")
public class OrganisationKimAddress {

  static final String OF_ORGANISATION = "OrganisationKimAddress.ofOrganisation";

  @Id
  @Column(name = "address", length = 320)
  private String address;

  @Column(name = "organisation_id", nullable = false, length = 64)
  private String organisationId;

  @Column(name = "assigned_at", nullable = false)
  private long assignedAt;

  protected OrganisationKimAddress() {}

  OrganisationKimAddress(String address, String organisationId, long assignedAt) {
    this.address = address;
    this.organisationId = organisationId;
    this.assignedAt = assignedAt;
  }

  String address() {
    return address;
  }

  long assignedAt() {
    return assignedAt;
  }
}
