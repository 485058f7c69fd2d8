package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registration token (the organisation's "Benutzereinführungscode"): valid for a number of uses
 * (one by default) until it expires. Pending counts uses started but not finished.
 */
@Entity
@Table(name = "registration_token")
public class RegistrationToken {

  @Id
  @Column(name = "token")
  private String token;

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
    this.token = token;
    this.serverName = serverName;
    this.usesAllowed = usesAllowed;
    this.expiryTime = expiryTime;
    this.createdAt = createdAt;
  }

  public String token() {
    return token;
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

  void complete() {
    completed++;
  }
}
