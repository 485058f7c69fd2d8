package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A client session of a user (a phone, a browser), identified by its device ID. */
@Entity
@Table(name = "device")
@IdClass(Device.Key.class)
@NamedQuery(
    name = Device.OF_USER,
    query = "select d from Device d where d.userId = :userId order by d.createdAt")
public class Device {

  static final String OF_USER = "Device.ofUser";

  @Id
  @Column(name = "user_id")
  private String userId;

  @Id
  @Column(name = "device_id")
  private String deviceId;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "last_seen_ts")
  private Long lastSeenTs;

  @Column(name = "last_seen_ip")
  private String lastSeenIp;

  protected Device() {}

  Device(UserId userId, String deviceId, String displayName, long createdAt) {
    this.userId = userId.toString();
    this.deviceId = deviceId;
    this.displayName = displayName;
    this.createdAt = createdAt;
    this.lastSeenTs = createdAt;
  }

  public String deviceId() {
    return deviceId;
  }

  public String userId() {
    return userId;
  }

  public String displayName() {
    return displayName;
  }

  void rename(String displayName) {
    this.displayName = displayName;
  }

  public long createdAt() {
    return createdAt;
  }

  public Long lastSeenTs() {
    return lastSeenTs;
  }

  public String lastSeenIp() {
    return lastSeenIp;
  }

  void seen(long at, String ip) {
    this.lastSeenTs = at;
    this.lastSeenIp = ip;
  }

  /** Composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String userId;
    private String deviceId;

    public Key() {}

    public Key(String userId, String deviceId) {
      this.userId = userId;
      this.deviceId = deviceId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(userId, k.userId)
          && Objects.equals(deviceId, k.deviceId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(userId, deviceId);
    }
  }
}
