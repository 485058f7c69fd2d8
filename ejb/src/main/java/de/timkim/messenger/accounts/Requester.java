package de.timkim.messenger.accounts;

import java.io.Serializable;

/** Who made an authenticated request: the user and the device whose access token was used. */
public record Requester(UserId userId, String deviceId) implements Serializable {

  public String serverName() {
    return userId.serverName();
  }
}
