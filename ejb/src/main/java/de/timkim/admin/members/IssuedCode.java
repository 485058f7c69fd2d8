package de.timkim.admin.members;

import java.io.Serializable;

/** A Benutzereinführungscode as the portal lists it. */
public record IssuedCode(
    String code, String userId, String displayName, long createdAt, Long expiresAt, State state)
    implements Serializable {

  public enum State {
    OPEN,
    USED,
    EXPIRED
  }

  public String getCode() {
    return code;
  }

  public String getUserId() {
    return userId;
  }

  public Long getExpiresAt() {
    return expiresAt;
  }

  public State getState() {
    return state;
  }
}
