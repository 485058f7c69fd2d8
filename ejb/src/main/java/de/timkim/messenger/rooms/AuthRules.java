package de.timkim.messenger.rooms;

import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
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
    if (EventTypes.CREATE.equals(type)) {
      if (!state.isEmpty()) {
        throw forbidden("The room already exists");
      }
      return;
    }
    if (state.get(EventTypes.CREATE, "") == null) {
      throw forbidden("The room has no create event");
    }
    if (EventTypes.MEMBER.equals(type)) {
      checkMembership(event, state);
      return;
    }
    if (!Membership.JOIN.equals(state.membership(sender))) {
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
    if (EventTypes.POWER_LEVELS.equals(type)) {
      checkPowerLevelsChange(event.getJsonObject("content"), state, sender, senderLevel);
    }
  }

  /**
   * The spec's m.room.member rules, one method per membership the event sets, in the spec's order:
   * join, invite, leave (which covers kick and unban), ban.
   */
  private static void checkMembership(JsonObject event, RoomState state) {
    String sender = event.getString("sender");
    String target = event.getString("state_key");
    String membership = event.getJsonObject("content").getString("membership", "");
    switch (membership) {
      case Membership.JOIN -> checkJoin(sender, target, state);
      case Membership.INVITE -> checkInvite(sender, target, state);
      case Membership.LEAVE -> checkLeave(sender, target, state);
      case Membership.BAN -> checkBan(sender, target, state);
      default ->
          throw new MatrixException(ErrorCode.M_BAD_JSON, "Unknown membership " + membership);
    }
  }

  /** membership=join: only as oneself, never when banned, and as the join rule allows. */
  private static void checkJoin(String sender, String target, RoomState state) {
    if (!sender.equals(target)) {
      throw forbidden("You can only join as yourself");
    }
    String current = state.membership(target);
    boolean creatorFirstJoin =
        sender.equals(state.creator())
            && current == null
            && state.get(EventTypes.POWER_LEVELS, "") == null
            && state.get(EventTypes.JOIN_RULES, "") == null;
    if (creatorFirstJoin || Membership.JOIN.equals(current)) {
      return;
    }
    if (Membership.BAN.equals(current)) {
      throw forbidden("You are banned from this room");
    }
    String rule = state.joinRule();
    if ("public".equals(rule) || ("invite".equals(rule) && Membership.INVITE.equals(current))) {
      return;
    }
    throw forbidden("You are not invited to this room");
  }

  /** membership=invite: a member with the invite level, of someone neither joined nor banned. */
  private static void checkInvite(String sender, String target, RoomState state) {
    String current = state.membership(target);
    if (!Membership.JOIN.equals(state.membership(sender))) {
      throw forbidden("You are not in the room");
    }
    if (Membership.JOIN.equals(current) || Membership.BAN.equals(current)) {
      throw forbidden(
          target
              + " is "
              + (Membership.BAN.equals(current) ? "banned from" : "already in")
              + " the room");
    }
    PowerLevels levels = state.powerLevels();
    if (levels.userLevel(sender) < levels.invite()) {
      throw forbidden("Your power level is too low to invite");
    }
  }

  /**
   * membership=leave: leaving oneself (or rejecting an invite); someone else's leave is a kick, or
   * an unban when they are banned, and needs the kick (and ban) level above theirs.
   */
  private static void checkLeave(String sender, String target, RoomState state) {
    String current = state.membership(target);
    if (sender.equals(target)) {
      if (!Membership.JOIN.equals(current) && !Membership.INVITE.equals(current)) {
        throw forbidden("You are not in the room");
      }
      return;
    }
    if (!Membership.JOIN.equals(state.membership(sender))) {
      throw forbidden("You are not in the room");
    }
    PowerLevels levels = state.powerLevels();
    int senderLevel = levels.userLevel(sender);
    if (Membership.BAN.equals(current) && senderLevel < levels.ban()) {
      throw forbidden("Your power level is too low to unban");
    }
    if (senderLevel < levels.kick() || senderLevel <= levels.userLevel(target)) {
      throw forbidden("Your power level is too low to kick " + target);
    }
  }

  /** membership=ban: a member with the ban level, above the target's. */
  private static void checkBan(String sender, String target, RoomState state) {
    if (!Membership.JOIN.equals(state.membership(sender))) {
      throw forbidden("You are not in the room");
    }
    PowerLevels levels = state.powerLevels();
    int senderLevel = levels.userLevel(sender);
    if (senderLevel < levels.ban() || senderLevel <= levels.userLevel(target)) {
      throw forbidden("Your power level is too low to ban " + target);
    }
  }

  /** Nobody may grant or take away power at or above their own level (rule 10 of v10). */
  private static void checkPowerLevelsChange(
      JsonObject proposed, RoomState state, String sender, int senderLevel) {
    JsonObject current = state.content(EventTypes.POWER_LEVELS, "");
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
