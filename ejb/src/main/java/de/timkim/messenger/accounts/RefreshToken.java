package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "refresh_token")
@NamedQuery(
    name = RefreshToken.DELETE_OF_DEVICE,
    query = "delete from RefreshToken t where t.userId = :userId and t.deviceId = :deviceId")
@NamedQuery(
    name = RefreshToken.DELETE_OF_USER,
    query = "delete from RefreshToken t where t.userId = :userId")
@NamedQuery(
    name = RefreshToken.MARK_USED,
    query =
        "update RefreshToken t set t.usedAt = :at where t.tokenHash = :hash and t.usedAt is null")
public class RefreshToken {

  static final String MARK_USED = "RefreshToken.markUsed";
  static final String DELETE_OF_DEVICE = "RefreshToken.deleteOfDevice";
  static final String DELETE_OF_USER = "RefreshToken.deleteOfUser";

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "user_id", nullable = false)
  private String userId;

  @Column(name = "device_id", nullable = false)
  private String deviceId;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "used_at")
  private Long usedAt;

  protected RefreshToken() {}

  RefreshToken(String tokenHash, UserId userId, String deviceId, long createdAt) {
    this.tokenHash = tokenHash;
    this.userId = userId.toString();
    this.deviceId = deviceId;
    this.createdAt = createdAt;
  }

  String userId() {
    return userId;
  }

  String deviceId() {
    return deviceId;
  }

  Long usedAt() {
    return usedAt;
  }
}
