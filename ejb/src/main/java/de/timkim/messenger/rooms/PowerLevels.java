package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.RoomVersion;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A room's m.room.power_levels content with the spec's defaults
 * (https://spec.matrix.org/v1.11/client-server-api/#mroompower_levels). Without a power levels
 * event the creator has 100 and everyone else 0.
 */
public final class PowerLevels {

  private static final List<String> LEVEL_KEYS =
      List.of(
          "users_default", "events_default", "state_default", "ban", "kick", "redact", "invite");

  /** Canonical JSON's integer range (https://spec.matrix.org/v1.11/appendices/#canonical-json). */
  private static final BigDecimal MAX = BigDecimal.valueOf((1L << 53) - 1);

  private static final BigDecimal MIN = MAX.negate();

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

  /**
   * Refuses power levels a room of {@code version} cannot hold (400 M_BAD_JSON): every level must
   * be an integer in canonical JSON's range, {@code users} keys must be user IDs (auth rules,
   * m.room.power_levels, of the room versions). Room versions before 10 also allowed integers
   * written as strings; from version 10 only JSON integers are levels.
   */
  public static void requireValid(JsonObject content, RoomVersion version) {
    boolean stringsAllowed = Integer.parseInt(version.id()) < 10;
    for (String key : LEVEL_KEYS) {
      if (content.containsKey(key)) {
        requireLevel(key, content.get(key), stringsAllowed);
      }
    }
    for (String map : List.of("events", "notifications", "users")) {
      if (!content.containsKey(map)) {
        continue;
      }
      if (!(content.get(map) instanceof JsonObject levels)) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + map + "' must be an object");
      }
      for (Map.Entry<String, JsonValue> entry : levels.entrySet()) {
        if ("users".equals(map)) {
          try {
            UserId.parse(entry.getKey());
          } catch (MatrixException notAUser) {
            throw new MatrixException(
                ErrorCode.M_BAD_JSON, "'users' keys must be user IDs: " + entry.getKey());
          }
        }
        requireLevel(map + "." + entry.getKey(), entry.getValue(), stringsAllowed);
      }
    }
  }

  private static void requireLevel(String name, JsonValue value, boolean stringsAllowed) {
    BigDecimal level = null;
    if (value instanceof JsonNumber number && number.isIntegral()) {
      level = number.bigDecimalValue();
    } else if (stringsAllowed && value instanceof JsonString text) {
      try {
        level = new BigDecimal(Long.parseLong(text.getString().trim()));
      } catch (NumberFormatException notAnInteger) {
        level = null;
      }
    }
    if (level == null || level.compareTo(MAX) > 0 || level.compareTo(MIN) < 0) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "Power level '" + name + "' must be an integer");
    }
  }

  private int number(String key, int defaultValue) {
    if (content == null) {
      return defaultValue;
    }
    JsonValue value = content.get(key);
    return value instanceof JsonNumber n ? n.intValue() : defaultValue;
  }
}
