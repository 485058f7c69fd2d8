package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "access_token")
@NamedQuery(
    name = AccessToken.DELETE_OF_DEVICE,
    query = "delete from AccessToken t where t.userId = :userId and t.deviceId = :deviceId")
@NamedQuery(
    name = AccessToken.DELETE_OF_USER,
    query = "delete from AccessToken t where t.userId = :userId")
public class AccessToken {

  static final String DELETE_OF_DEVICE = "AccessToken.deleteOfDevice";
  static final String DELETE_OF_USER = "AccessToken.deleteOfUser";

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "user_id", nullable = false)
  private String userId;

  @Column(name = "device_id", nullable = false)
  private String deviceId;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "expires_at")
  private Long expiresAt;

  protected AccessToken() {}

  AccessToken(String tokenHash, UserId userId, String deviceId, long createdAt, Long expiresAt) {
    this.tokenHash = tokenHash;
    this.userId = userId.toString();
    this.deviceId = deviceId;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  String userId() {
    return userId;
  }

  String deviceId() {
    return deviceId;
  }

  Long expiresAt() {
    return expiresAt;
  }
}
