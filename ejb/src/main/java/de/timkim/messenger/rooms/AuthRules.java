package de.timkim.messenger.rooms;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Set;

/**
 * The authorisation rules of room versions 10 and 11
 * (https://spec.matrix.org/v1.11/rooms/v10/#authorization-rules) for events created on this server,
 * checked against the room's current state. Knocking, restricted joins and third-party invites are
 * not offered and are refused.
 */
public final class AuthRules {

  private AuthRules() {}

  /** Throws M_FORBIDDEN (or M_BAD_STATE) with the rule that failed. */
  public static void check(JsonObject event, RoomState state) {
    String type = event.getString("type");
    String sender = event.getString("sender");
    if ("m.room.create".equals(type)) {
      if (!state.isEmpty()) {
        throw forbidden("The room already exists");
      }
      return;
    }
    if (state.get("m.room.create", "") == null) {
      throw forbidden("The room has no create event");
    }
    if ("m.room.member".equals(type)) {
      checkMembership(event, state);
      return;
    }
    if (!"join".equals(state.membership(sender))) {
      throw forbidden(sender + " is not in the room");
    }
    PowerLevels levels = state.powerLevels();
    int senderLevel = levels.userLevel(sender);
    boolean isState = event.containsKey("state_key");
    if (senderLevel < levels.eventLevel(type, isState)) {
      throw forbidden("Your power level is too low to send " + type);
    }
    if (isState) {
      String stateKey = event.getString("state_key");
      if (stateKey.startsWith("@") && !stateKey.equals(sender)) {
        throw forbidden("You cannot set state keyed by another user's ID");
      }
    }
    if ("m.room.power_levels".equals(type)) {
      checkPowerLevelsChange(event.getJsonObject("content"), state, sender, senderLevel);
    }
  }

  private static void checkMembership(JsonObject event, RoomState state) {
    String sender = event.getString("sender");
    String target = event.getString("state_key");
    JsonObject content = event.getJsonObject("content");
    String membership = content.getString("membership", "");
    String current = state.membership(target);
    String senderMembership = state.membership(sender);
    PowerLevels levels = state.powerLevels();
    switch (membership) {
      case "join" -> {
        if (!sender.equals(target)) {
          throw forbidden("You can only join as yourself");
        }
        boolean creatorFirstJoin =
            sender.equals(state.creator())
                && current == null
                && state.get("m.room.power_levels", "") == null
                && state.get("m.room.join_rules", "") == null;
        if (creatorFirstJoin || "join".equals(current)) {
          return;
        }
        if ("ban".equals(current)) {
          throw forbidden("You are banned from this room");
        }
        String rule = state.joinRule();
        if ("public".equals(rule) || ("invite".equals(rule) && "invite".equals(current))) {
          return;
        }
        throw forbidden("You are not invited to this room");
      }
      case "invite" -> {
        if (!"join".equals(senderMembership)) {
          throw forbidden("You are not in the room");
        }
        if ("join".equals(current) || "ban".equals(current)) {
          throw forbidden(
              target
                  + " is "
                  + ("ban".equals(current) ? "banned from" : "already in")
                  + " the room");
        }
        if (levels.userLevel(sender) < levels.invite()) {
          throw forbidden("Your power level is too low to invite");
        }
      }
      case "leave" -> {
        if (sender.equals(target)) {
          if (!"join".equals(current) && !"invite".equals(current)) {
            throw forbidden("You are not in the room");
          }
          return;
        }
        if (!"join".equals(senderMembership)) {
          throw forbidden("You are not in the room");
        }
        int senderLevel = levels.userLevel(sender);
        if ("ban".equals(current) && senderLevel < levels.ban()) {
          throw forbidden("Your power level is too low to unban");
        }
        if (senderLevel < levels.kick() || senderLevel <= levels.userLevel(target)) {
          throw forbidden("Your power level is too low to kick " + target);
        }
      }
      case "ban" -> {
        if (!"join".equals(senderMembership)) {
          throw forbidden("You are not in the room");
        }
        int senderLevel = levels.userLevel(sender);
        if (senderLevel < levels.ban() || senderLevel <= levels.userLevel(target)) {
          throw forbidden("Your power level is too low to ban " + target);
        }
      }
      default ->
          throw new MatrixException(ErrorCode.M_BAD_JSON, "Unknown membership " + membership);
    }
  }

  /** Nobody may grant or take away power at or above their own level (rule 10 of v10). */
  private static void checkPowerLevelsChange(
      JsonObject proposed, RoomState state, String sender, int senderLevel) {
    JsonObject current = state.content("m.room.power_levels", "");
    if (current == null) {
      return;
    }
    for (String key :
        Set.of(
            "users_default",
            "events_default",
            "state_default",
            "ban",
            "redact",
            "kick",
            "invite")) {
      compare(current.get(key), proposed.get(key), senderLevel, key);
    }
    for (String section : Set.of("events", "notifications")) {
      JsonObject before = object(current, section);
      JsonObject after = object(proposed, section);
      Set<String> keys = new HashSet<>(before.keySet());
      keys.addAll(after.keySet());
      for (String key : keys) {
        compare(before.get(key), after.get(key), senderLevel, section + "." + key);
      }
    }
    JsonObject before = object(current, "users");
    JsonObject after = object(proposed, "users");
    Set<String> users = new HashSet<>(before.keySet());
    users.addAll(after.keySet());
    for (String user : users) {
      JsonValue old = before.get(user);
      JsonValue now = after.get(user);
      if (!equalNumbers(old, now)
          && !user.equals(sender)
          && old instanceof JsonNumber o
          && o.intValue() >= senderLevel) {
        throw forbidden("You cannot change the power level of " + user);
      }
      compare(old, now, senderLevel, "users." + user);
    }
  }

  private static void compare(JsonValue before, JsonValue after, int senderLevel, String what) {
    if (equalNumbers(before, after)) {
      return;
    }
    if (before instanceof JsonNumber b && b.intValue() > senderLevel
        || after instanceof JsonNumber a && a.intValue() > senderLevel) {
      throw forbidden("You cannot change " + what + " above your own power level");
    }
  }

  private static boolean equalNumbers(JsonValue a, JsonValue b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a instanceof JsonNumber x && b instanceof JsonNumber y && x.longValue() == y.longValue();
  }

  private static JsonObject object(JsonObject parent, String key) {
    JsonValue value = parent.get(key);
    return value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static MatrixException forbidden(String message) {
    return new MatrixException(ErrorCode.M_FORBIDDEN, message);
  }
}
