package de.timkim.organisations;

import de.timkim.admin.accounts.SignedInAdmin;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An institution (practice, hospital, ...) that runs messenger services here. */
@Entity
@Table(name = "organisation")
public class Organisation {

  /** The organisation of the installation's operator: holds the configured server names. */
  public static final String OPERATOR_ID = SignedInAdmin.OPERATOR_ORGANISATION_ID;

  @Id
  @Column(name = "id", length = 64)
  private String id;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "telematik_id", length = 128)
  private String telematikId;

  @Column(name = "operator", nullable = false)
  private boolean operator;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "profession_oid", length = 64)
  private String professionOid;

  @Column(name = "authenticated_at")
  private Long authenticatedAt;

  protected Organisation() {}

  Organisation(String id, String name, String telematikId, long createdAt) {
    this.id = id;
    this.name = name;
    this.telematikId = telematikId;
    this.createdAt = createdAt;
  }

  /** An organisation that proved itself with its SMC-B: Telematik-ID and role from the card. */
  Organisation(
      String id, String name, String telematikId, String professionOid, long authenticatedAt) {
    this(id, name, telematikId, authenticatedAt);
    this.professionOid = professionOid;
    this.authenticatedAt = authenticatedAt;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String telematikId() {
    return telematikId;
  }

  /** The profession OID of its SMC-B (gemSpec_OID, e.g. 1.2.276.0.76.4.53 hospital). */
  public String professionOid() {
    return professionOid;
  }

  /** When it authenticated with its SMC-B; null if the operator set it up. */
  public Long authenticatedAt() {
    return authenticatedAt;
  }

  public boolean operator() {
    return operator;
  }
}
