package de.timkim.admin.members;

import java.io.Serializable;

/** One logged-in device of a user, as the portal's sessions page shows it. */
public record UserSession(
    String deviceId, String displayName, long createdAt, Long lastSeenAt, String lastSeenIp)
    implements Serializable {

  public String getDeviceId() {
    return deviceId;
  }

  public String getDisplayName() {
    return displayName;
  }

  public long getCreatedAt() {
    return createdAt;
  }

  public Long getLastSeenAt() {
    return lastSeenAt;
  }

  public String getLastSeenIp() {
    return lastSeenIp;
  }
}
