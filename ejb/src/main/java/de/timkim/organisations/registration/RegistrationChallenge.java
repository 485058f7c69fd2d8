package de.timkim.organisations.registration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Random bytes an organisation signs with its SMC-B's C.HCI.AUT key; answered once. */
@Entity
@Table(name = "organisation_registration_challenge")
@NamedQuery(
    name = RegistrationChallenge.USE,
    query =
        "update RegistrationChallenge c set c.usedAt = :now"
            + " where c.id = :id and c.usedAt is null and c.expiresAt > :now")
public class RegistrationChallenge {

  static final String USE = "RegistrationChallenge.use";

  @Id
  @Column(name = "challenge_id", length = 64)
  private String id;

  @Column(name = "code", nullable = false, length = 64)
  private String code;

  /** Base64 of the random bytes. */
  @Column(name = "challenge", nullable = false, length = 64)
  private String challenge;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "expires_at", nullable = false)
  private long expiresAt;

  @Column(name = "used_at")
  private Long usedAt;

  protected RegistrationChallenge() {}

  RegistrationChallenge(String id, String code, String challenge, long createdAt, long expiresAt) {
    this.id = id;
    this.code = code;
    this.challenge = challenge;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String id() {
    return id;
  }

  String code() {
    return code;
  }

  /** Base64 of the bytes to sign. */
  public String challenge() {
    return challenge;
  }

  public long expiresAt() {
    return expiresAt;
  }
}
