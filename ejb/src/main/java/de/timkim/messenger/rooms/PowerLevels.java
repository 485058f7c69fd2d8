package de.timkim.messenger.rooms;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A room's m.room.power_levels content with the spec's defaults
 * (https://spec.matrix.org/v1.11/client-server-api/#mroompower_levels). Without a power levels
 * event the creator has 100 and everyone else 0.
 */
public final class PowerLevels {

  private final JsonObject content;
  private final String creator;

  PowerLevels(JsonObject content, String creator) {
    this.content = content;
    this.creator = creator;
  }

  public int userLevel(String userId) {
    if (content == null) {
      return userId.equals(creator) ? 100 : 0;
    }
    JsonObject users = content.getJsonObject("users");
    if (users != null && users.get(userId) instanceof JsonNumber n) {
      return n.intValue();
    }
    return number("users_default", 0);
  }

  /** Level needed to send an event of this type (state or not). */
  public int eventLevel(String type, boolean isState) {
    if (content != null) {
      JsonObject events = content.getJsonObject("events");
      if (events != null && events.get(type) instanceof JsonNumber n) {
        return n.intValue();
      }
    }
    return isState
        ? number("state_default", content == null ? 0 : 50)
        : number("events_default", 0);
  }

  public int invite() {
    return number("invite", 0);
  }

  public int kick() {
    return number("kick", 50);
  }

  public int ban() {
    return number("ban", 50);
  }

  public int redact() {
    return number("redact", 50);
  }

  private int number(String key, int defaultValue) {
    if (content == null) {
      return defaultValue;
    }
    JsonValue value = content.get(key);
    return value instanceof JsonNumber n ? n.intValue() : defaultValue;
  }
}
