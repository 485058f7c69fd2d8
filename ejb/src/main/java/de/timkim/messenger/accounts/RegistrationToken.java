package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/**
 * A registration token (the organisation's "Benutzereinführungscode"): valid for a number of uses
 * (one by default) until it expires. Pending counts uses started but not finished. Only the token's
 * SHA-256 is stored (it is random and long enough that a fast hash suffices): the clear token is
 * known once, to whoever issued it.
 */
@Entity
@Table(name = "registration_token")
public class RegistrationToken {

  /** SHA-256 (hex) of the token. */
  @Id
  @Column(name = "token")
  private String tokenHash;

  /** The clear token, only on the instance that issued it. */
  @Transient private String issuedToken;

  @Column(name = "server_name", nullable = false)
  private String serverName;

  @Column(name = "uses_allowed")
  private Integer usesAllowed;

  @Column(name = "pending", nullable = false)
  private int pending;

  @Column(name = "completed", nullable = false)
  private int completed;

  @Column(name = "expiry_time")
  private Long expiryTime;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  /** The one user ID this code may register, or null for any. */
  @Column(name = "user_id")
  private String userId;

  @Column(name = "display_name")
  private String displayName;

  protected RegistrationToken() {}

  RegistrationToken(
      String token,
      UserId boundTo,
      String displayName,
      Integer usesAllowed,
      Long expiryTime,
      long createdAt) {
    this(token, boundTo.serverName(), usesAllowed, expiryTime, createdAt);
    this.userId = boundTo.toString();
    this.displayName = displayName;
  }

  RegistrationToken(
      String token, String serverName, Integer usesAllowed, Long expiryTime, long createdAt) {
    this.tokenHash = Tokens.hash(token);
    this.issuedToken = token;
    this.serverName = serverName;
    this.usesAllowed = usesAllowed;
    this.expiryTime = expiryTime;
    this.createdAt = createdAt;
  }

  /** The clear token right after issuing it; null for a token read back from the database. */
  public String issuedToken() {
    return issuedToken;
  }

  public String serverName() {
    return serverName;
  }

  public Integer usesAllowed() {
    return usesAllowed;
  }

  public int completed() {
    return completed;
  }

  public Long expiryTime() {
    return expiryTime;
  }

  public String userId() {
    return userId;
  }

  public String displayName() {
    return displayName;
  }

  public long createdAt() {
    return createdAt;
  }

  public boolean expiredAt(long now) {
    return expiryTime != null && expiryTime <= now;
  }

  public boolean usedUp() {
    return usesAllowed != null && pending + completed >= usesAllowed;
  }

  void renameBoundUser(String displayName) {
    this.displayName = displayName;
  }

  boolean usableAt(long now) {
    boolean notExpired = expiryTime == null || expiryTime > now;
    boolean usesLeft = usesAllowed == null || pending + completed < usesAllowed;
    return notExpired && usesLeft;
  }
}
