package de.timkim.messenger.events;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;

/**
 * The room versions this server creates and accepts. Both use event format v3 (event ID = reference
 * hash) and integer power levels; v11 changes redaction and drops "creator" and "origin".
 */
public enum RoomVersion {
  V10("10"),
  V11("11");

  public static final RoomVersion DEFAULT = V10;

  private final String id;

  RoomVersion(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static RoomVersion of(String id) {
    for (RoomVersion version : values()) {
      if (version.id.equals(id)) {
        return version;
      }
    }
    throw new MatrixException(
        ErrorCode.M_UNSUPPORTED_ROOM_VERSION, "Room version " + id + " is not supported (10, 11)");
  }
}
