package de.timkim.admin.members;

import java.io.Serializable;

/** A user as the portal lists them. */
public record ManagedUser(String userId, String displayName, State state) implements Serializable {

  public enum State {
    /** Added by an admin, not registered yet. */
    INVITED,
    ACTIVE,
    DEACTIVATED
  }

  public String getUserId() {
    return userId;
  }

  public String getDisplayName() {
    return displayName;
  }

  public State getState() {
    return state;
  }
}
