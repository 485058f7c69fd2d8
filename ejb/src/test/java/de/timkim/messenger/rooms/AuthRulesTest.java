package de.timkim.messenger.rooms;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The v10 authorisation rules as this server applies them to its own events. */
class AuthRulesTest {

  private static final String ALICE = "@alice:hs";
  private static final String BOB = "@bob:hs";
  private static final String CAROL = "@carol:hs";

  private RoomState state;

  @BeforeEach
  void privateRoomOfAliceWithBobAsMember() {
    state = new RoomState();
    apply(event(ALICE, "m.room.create", "", Json.createObjectBuilder().add("room_version", "10")));
    apply(member(ALICE, ALICE, "join"));
    apply(
        event(
            ALICE,
            "m.room.power_levels",
            "",
            Json.createObjectBuilder()
                .add("users", Json.createObjectBuilder().add(ALICE, 100).add(BOB, 50))
                .add("users_default", 0)
                .add("state_default", 50)
                .add("events_default", 0)
                .add("kick", 50)
                .add("ban", 50)
                .add("invite", 0)
                .add("events", Json.createObjectBuilder().add("m.room.power_levels", 100))));
    apply(
        event(
            ALICE, "m.room.join_rules", "", Json.createObjectBuilder().add("join_rule", "invite")));
    apply(member(ALICE, BOB, "invite"));
    apply(member(BOB, BOB, "join"));
  }

  @Test
  void theCreatorsFirstJoinNeedsNoInvite() {
    RoomState fresh = new RoomState();
    JsonObject create =
        event(ALICE, "m.room.create", "", Json.createObjectBuilder().add("room_version", "10"));
    AuthRules.check(create, fresh);
    fresh.put(create);
    assertDoesNotThrow(() -> AuthRules.check(member(ALICE, ALICE, "join"), fresh));
    assertThrows(
        MatrixException.class, () -> AuthRules.check(create, fresh), "a second create event");
  }

  @Test
  void strangersCannotJoinAnInviteOnlyRoomNorSendInIt() {
    assertForbidden(member(CAROL, CAROL, "join"));
    assertForbidden(
        event(CAROL, "m.room.message", null, Json.createObjectBuilder().add("body", "hi")));
  }

  @Test
  void invitedUsersMayJoinAndMembersMaySend() {
    apply(member(BOB, CAROL, "invite"));
    assertDoesNotThrow(() -> AuthRules.check(member(CAROL, CAROL, "join"), state));
    assertDoesNotThrow(
        () ->
            AuthRules.check(
                event(BOB, "m.room.message", null, Json.createObjectBuilder().add("body", "x")),
                state));
  }

  @Test
  void stateNeedsTheStateDefaultLevel() {
    apply(member(BOB, CAROL, "invite"));
    apply(member(CAROL, CAROL, "join"));
    assertForbidden(
        event(CAROL, "m.room.name", "", Json.createObjectBuilder().add("name", "mine")));
    assertDoesNotThrow(
        () ->
            AuthRules.check(
                event(BOB, "m.room.name", "", Json.createObjectBuilder().add("name", "ours")),
                state));
  }

  @Test
  void kickingNeedsAHigherLevelThanTheTarget() {
    assertForbidden(member(BOB, ALICE, "leave"));
    assertDoesNotThrow(() -> AuthRules.check(member(ALICE, BOB, "leave"), state));
  }

  @Test
  void bannedUsersCannotRejoinUntilUnbanned() {
    apply(member(ALICE, BOB, "ban"));
    assertForbidden(member(BOB, BOB, "join"));
    assertForbidden(
        event(BOB, "m.room.message", null, Json.createObjectBuilder().add("body", "x")));
  }

  @Test
  void nobodyGrantsPowerAboveTheirOwn() {
    JsonObject raise =
        event(
            BOB,
            "m.room.power_levels",
            "",
            Json.createObjectBuilder()
                .add("users", Json.createObjectBuilder().add(ALICE, 100).add(BOB, 100))
                .add("events", Json.createObjectBuilder().add("m.room.power_levels", 50)));
    assertForbidden(raise);
    JsonObject demoteCreator =
        event(
            ALICE,
            "m.room.power_levels",
            "",
            Json.createObjectBuilder()
                .add("users", Json.createObjectBuilder().add(ALICE, 100).add(BOB, 0))
                .add("users_default", 0)
                .add("state_default", 50)
                .add("events_default", 0)
                .add("kick", 50)
                .add("ban", 50)
                .add("invite", 0)
                .add("events", Json.createObjectBuilder().add("m.room.power_levels", 100)));
    assertDoesNotThrow(() -> AuthRules.check(demoteCreator, state));
  }

  @Test
  void stateKeyedByAnotherUsersIdIsRefused() {
    assertForbidden(event(BOB, "org.example.profile", ALICE, Json.createObjectBuilder()));
  }

  private void assertForbidden(JsonObject event) {
    MatrixException e = assertThrows(MatrixException.class, () -> AuthRules.check(event, state));
    assertEquals(ErrorCode.M_FORBIDDEN, e.errorCode());
  }

  private void apply(JsonObject event) {
    AuthRules.check(event, state);
    if (event.containsKey("state_key")) {
      state.put(event);
    }
  }

  private static int counter;

  private static JsonObject member(String sender, String target, String membership) {
    return event(
        sender, "m.room.member", target, Json.createObjectBuilder().add("membership", membership));
  }

  private static JsonObject event(
      String sender, String type, String stateKey, JsonObjectBuilder content) {
    JsonObjectBuilder event =
        Json.createObjectBuilder()
            .add("event_id", "$e" + (++counter))
            .add("type", type)
            .add("sender", sender)
            .add("room_id", "!r:hs")
            .add("content", content);
    if (stateKey != null) {
      event.add("state_key", stateKey);
    }
    return event.build();
  }
}
