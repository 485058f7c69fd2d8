package de.timkim.organisations.registration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A code the operator issued with an order; an organisation redeems it once to register. */
@Entity
@Table(name = "organisation_registration_code")
@NamedQuery(
    name = RegistrationCode.ALL,
    query = "select c from RegistrationCode c order by c.createdAt desc")
@NamedQuery(
    name = RegistrationCode.REDEEM,
    query =
        "update RegistrationCode c set c.usedAt = :now, c.organisationId = :organisation"
            + " where c.code = :code and c.usedAt is null and c.expiresAt > :now")
public class RegistrationCode {

  static final String ALL = "RegistrationCode.all";
  static final String REDEEM = "RegistrationCode.redeem";

  @Id
  @Column(name = "code", length = 64)
  private String code;

  @Column(name = "order_reference")
  private String orderReference;

  @Column(name = "issued_by", nullable = false, length = 128)
  private String issuedBy;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "expires_at", nullable = false)
  private long expiresAt;

  @Column(name = "used_at")
  private Long usedAt;

  @Column(name = "organisation_id", length = 64)
  private String organisationId;

  protected RegistrationCode() {}

  RegistrationCode(
      String code, String orderReference, String issuedBy, long createdAt, long expiresAt) {
    this.code = code;
    this.orderReference = orderReference;
    this.issuedBy = issuedBy;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String code() {
    return code;
  }

  public String orderReference() {
    return orderReference;
  }

  public long createdAt() {
    return createdAt;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public Long usedAt() {
    return usedAt;
  }

  /** The organisation that registered with it, once used. */
  public String organisationId() {
    return organisationId;
  }

  boolean redeemableAt(long now) {
    return usedAt == null && expiresAt > now;
  }
}
