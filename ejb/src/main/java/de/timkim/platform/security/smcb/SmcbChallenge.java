package de.timkim.platform.security.smcb;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Random bytes an institution signs with its SMC-B's C.HCI.AUT key; answered once, for the one
 * purpose it was issued for. In the database so any node can check the answer to another node's
 * challenge; spending it is a conditional UPDATE, so two nodes cannot both accept it.
 */
@Entity
@Table(name = "smcb_challenge")
@NamedQuery(
    name = SmcbChallenge.SPEND,
    query =
        "update SmcbChallenge c set c.usedAt = :now where c.id = :id and c.purpose = :purpose"
            + " and c.usedAt is null and c.expiresAt > :now")
@NamedQuery(
    name = SmcbChallenge.DELETE_EXPIRED,
    query = "delete from SmcbChallenge c where c.expiresAt <= :now")
public class SmcbChallenge {

  static final String SPEND = "SmcbChallenge.spend";
  static final String DELETE_EXPIRED = "SmcbChallenge.deleteExpired";

  /** Base64url of the random bytes: unguessable, so it names the challenge in a JWT nonce too. */
  @Id
  @Column(name = "challenge_id", length = 64)
  private String id;

  /** Which feature issued it ({@link SmcbChallenges#KIM_ACCOUNT_MANAGER}, ...). */
  @Column(name = "purpose", nullable = false, length = 32)
  private String purpose;

  /** What the purpose binds it to (the organisation's registration code), or null. */
  @Column(name = "subject", length = 64)
  private String subject;

  /** Base64 of the random bytes. */
  @Column(name = "challenge", nullable = false, length = 64)
  private String challenge;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "expires_at", nullable = false)
  private long expiresAt;

  @Column(name = "used_at")
  private Long usedAt;

  protected SmcbChallenge() {}

  SmcbChallenge(
      String id, String purpose, String subject, String challenge, long createdAt, long expiresAt) {
    this.id = id;
    this.purpose = purpose;
    this.subject = subject;
    this.challenge = challenge;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String id() {
    return id;
  }

  public String purpose() {
    return purpose;
  }

  public String subject() {
    return subject;
  }

  /** Base64 of the bytes to sign. */
  public String challenge() {
    return challenge;
  }

  public long expiresAt() {
    return expiresAt;
  }
}
