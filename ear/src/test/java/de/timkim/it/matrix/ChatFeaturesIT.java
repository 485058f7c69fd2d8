package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import de.timkim.it.TestClock;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typing, presence, ignoring and chat export over HTTP: bad input gets the spec's errors, a typing
 * notice ends when the (moved) clock passes its timeout, and ignored users' messages are gone from
 * /messages and /context while their state events stay.
 */
@ExtendWith(ArquillianExtension.class)
class ChatFeaturesIT extends DeployedEar {

  @RegisterExtension final TestClock clock = new TestClock();

  private Account alice;
  private Account bob;
  private String roomId;

  @BeforeEach
  void aliceAndBobShareARoom() throws Exception {
    alice = MatrixAccounts.register("chat-a");
    bob = MatrixAccounts.register("chat-b");
    roomId = createRoomWithBob("\"name\":\"Visite\",");
  }

  @Test
  void typingForAnotherUserIsForbidden() throws Exception {
    expectError(
        403,
        "M_FORBIDDEN",
        call("PUT", typing(roomId, bob), alice, "{\"typing\":true,\"timeout\":5000}"));
  }

  @Test
  void typingInARoomNotJoinedIsForbidden() throws Exception {
    Account carol = MatrixAccounts.register("chat-c");
    expectError(
        403,
        "M_FORBIDDEN",
        call("PUT", typing(roomId, carol), carol, "{\"typing\":true,\"timeout\":5000}"));
    expectError(
        403,
        "M_FORBIDDEN",
        call("PUT", typing("!nowhere:localhost", carol), carol, "{\"typing\":true}"));
  }

  @Test
  void typingWithoutTheTypingFieldIsMissingParam() throws Exception {
    expectError(400, "M_MISSING_PARAM", call("PUT", typing(roomId, alice), alice, "{}"));
    expectError(
        400, "M_BAD_JSON", call("PUT", typing(roomId, alice), alice, "{\"typing\":\"yes\"}"));
  }

  @Test
  void badPresenceValuesAreInvalidParam() throws Exception {
    expectError(
        400,
        "M_INVALID_PARAM",
        call("PUT", presence(alice), alice, "{\"presence\":\"away\",\"status_msg\":\"x\"}"));
    expectError(400, "M_MISSING_PARAM", call("PUT", presence(alice), alice, "{}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("GET", "/_matrix/client/v3/sync?set_presence=busy", alice, null));
    expectError(403, "M_FORBIDDEN", call("PUT", presence(bob), alice, "{\"presence\":\"online\"}"));
  }

  @Test
  void presenceOfSomeoneWithoutASharedRoomIsForbidden() throws Exception {
    Account stranger = MatrixAccounts.register("chat-s");
    expectError(403, "M_FORBIDDEN", call("GET", presence(stranger), alice, null));

    Http.Reply set =
        call("PUT", presence(bob), bob, "{\"presence\":\"unavailable\",\"status_msg\":\"OP\"}");
    assertEquals(200, set.status(), set.body());
    JsonObject seen = call("GET", presence(bob), alice, null).json();
    assertEquals("unavailable", seen.getString("presence"), seen.toString());
    assertEquals("OP", seen.getString("status_msg"), seen.toString());
  }

  @Test
  void exportOfARoomNotJoinedIsForbiddenAndAnUnknownFormatInvalid() throws Exception {
    Account carol = MatrixAccounts.register("chat-c");
    expectError(403, "M_FORBIDDEN", call("GET", export(roomId, "json"), carol, null));
    expectError(400, "M_INVALID_PARAM", call("GET", export(roomId, "pdf"), alice, null));
    expectError(401, "M_MISSING_TOKEN", call("GET", export(roomId, "json"), null, null));
  }

  @Test
  void roomTagsAreSetListedSyncedAndRemoved() throws Exception {
    String tags =
        "/_matrix/client/v3/user/" + enc(alice.userId()) + "/rooms/" + enc(roomId) + "/tags";
    String since =
        call("GET", "/_matrix/client/v3/sync?timeout=0", alice, null)
            .json()
            .getString("next_batch");
    // two clients of one user tagging at once: both tags stay
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var favourite =
          pool.submit(() -> call("PUT", tags + "/m.favourite", alice, "{\"order\":0.25}"));
      var own = pool.submit(() -> call("PUT", tags + "/u.ward", alice, "{}"));
      assertEquals(200, favourite.get().status(), favourite.get().body());
      assertEquals(200, own.get().status(), own.get().body());
    } finally {
      pool.shutdown();
    }
    JsonObject listed = call("GET", tags, alice, null).json().getJsonObject("tags");
    assertEquals(0.25, listed.getJsonObject("m.favourite").getJsonNumber("order").doubleValue());
    assertTrue(listed.containsKey("u.ward"), listed.toString());

    JsonObject sync =
        call("GET", "/_matrix/client/v3/sync?timeout=0&since=" + since, alice, null).json();
    JsonArray roomData =
        sync.getJsonObject("rooms")
            .getJsonObject("join")
            .getJsonObject(roomId)
            .getJsonObject("account_data")
            .getJsonArray("events");
    JsonObject tagEvent =
        roomData.getValuesAs(JsonObject.class).stream()
            .filter(e -> e.getString("type").equals("m.tag"))
            .findFirst()
            .orElseThrow();
    assertEquals(listed, tagEvent.getJsonObject("content").getJsonObject("tags"));

    assertEquals(200, call("DELETE", tags + "/m.favourite", alice, null).status());
    assertEquals(200, call("DELETE", tags + "/m.favourite", alice, null).status(), "gone already");
    assertEquals(
        java.util.Set.of("u.ward"),
        call("GET", tags, alice, null).json().getJsonObject("tags").keySet());
    expectError(400, "M_BAD_JSON", call("PUT", tags + "/u.x", alice, "{\"order\":\"first\"}"));
    expectError(400, "M_INVALID_PARAM", call("PUT", tags + "/" + "t".repeat(256), alice, "{}"));
    expectError(403, "M_FORBIDDEN", call("GET", tags, bob, null));
  }

  @Test
  void anIncrementalSyncCarriesOnlyTheRoomsWhereSomethingHappened() throws Exception {
    String second = createRoomWithBob("");
    String third = createRoomWithBob("");
    String since = nextBatch(call("GET", "/_matrix/client/v3/sync?timeout=0", alice, null));

    MatrixClient.sendText(bob, second, "nur hier");
    JsonObject afterMessage = incremental(since);
    assertEquals(java.util.Set.of(second), joinedRooms(afterMessage), afterMessage.toString());

    since = afterMessage.getString("next_batch");
    assertEquals(
        200, call("PUT", typing(roomId, bob), bob, "{\"typing\":true,\"timeout\":5000}").status());
    JsonObject afterTyping = incremental(since);
    assertEquals(java.util.Set.of(roomId), joinedRooms(afterTyping), afterTyping.toString());

    since = afterTyping.getString("next_batch");
    Http.Reply tagged =
        call(
            "PUT",
            "/_matrix/client/v3/user/"
                + enc(alice.userId())
                + "/rooms/"
                + enc(third)
                + "/account_data/org.example.note",
            alice,
            "{\"n\":1}");
    assertEquals(200, tagged.status(), tagged.body());
    JsonObject afterAccountData = incremental(since);
    assertEquals(
        java.util.Set.of(third), joinedRooms(afterAccountData), afterAccountData.toString());
  }

  /** A room alice creates with {@code fields} (JSON members ending in a comma) and bob joins. */
  private String createRoomWithBob(String fields) throws Exception {
    String id =
        MatrixClient.createRoom(alice, "{" + fields + "\"invite\":[\"" + bob.userId() + "\"]}");
    MatrixClient.join(bob, id);
    return id;
  }

  private static String nextBatch(Http.Reply sync) throws Exception {
    assertEquals(200, sync.status(), sync.body());
    return sync.json().getString("next_batch");
  }

  private JsonObject incremental(String since) throws Exception {
    return MatrixClient.sync(alice, null, since);
  }

  private static java.util.Set<String> joinedRooms(JsonObject sync) {
    return sync.getJsonObject("rooms").getJsonObject("join").keySet();
  }

  @Test
  void jumpToDateFindsTheNearestEventOnEitherSide() throws Exception {
    String morning = send(alice, "morning round");
    clock.advance(Duration.ofHours(6));
    String evening = send(bob, "evening round");
    long morningTs =
        call("GET", room("/event/" + enc(morning)), bob, null)
            .json()
            .getJsonNumber("origin_server_ts")
            .longValue();
    long noon = morningTs + Duration.ofHours(3).toMillis();

    JsonObject after = call("GET", jump(noon, "f"), alice, null).json();
    assertEquals(evening, after.getString("event_id"), after.toString());
    JsonObject before = call("GET", jump(noon, "b"), alice, null).json();
    assertEquals(morning, before.getString("event_id"), before.toString());
    assertEquals(morningTs, before.getJsonNumber("origin_server_ts").longValue());

    expectError(
        404,
        "M_NOT_FOUND",
        call("GET", jump(noon + Duration.ofDays(1).toMillis(), "f"), alice, null));
    expectError(400, "M_INVALID_PARAM", call("GET", jump(noon, "x"), alice, null));
    expectError(
        400,
        "M_MISSING_PARAM",
        call("GET", room("/timestamp_to_event").replace("/v3/", "/v1/"), alice, null));
    Account carol = MatrixAccounts.register("chat-c");
    expectError(403, "M_FORBIDDEN", call("GET", jump(noon, "f"), carol, null));
  }

  @Test
  void aRoomsAliasesAreListedToItsMembers() throws Exception {
    String alias = "#ward-" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
    Http.Reply created =
        call(
            "PUT",
            "/_matrix/client/v3/directory/room/" + enc(alias),
            alice,
            "{\"room_id\":\"" + roomId + "\"}");
    assertEquals(200, created.status(), created.body());
    JsonObject listed = call("GET", room("/aliases"), bob, null).json();
    assertEquals(alias, listed.getJsonArray("aliases").getString(0), listed.toString());
    expectError(
        403, "M_FORBIDDEN", call("GET", room("/aliases"), MatrixAccounts.register("chat-c"), null));
    assertEquals(
        0,
        call("GET", "/_matrix/client/v3/account/3pid", alice, null)
            .json()
            .getJsonArray("threepids")
            .size());
  }

  @Test
  void aLongPollThatFindsNothingAnswersAtItsTimeoutWithACompleteBody() throws Exception {
    JsonObject first = call("GET", "/_matrix/client/v3/sync", bob, null).json();
    String since = first.getString("next_batch");
    long started = System.nanoTime();
    Http.Reply waited =
        call("GET", "/_matrix/client/v3/sync?timeout=1500&since=" + since, bob, null);
    long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertEquals(200, waited.status(), waited.body());
    assertTrue(waitedMs >= 1400, "answered after " + waitedMs + " ms, before its timeout");
    JsonObject body = waited.json();
    assertEquals(since, body.getString("next_batch"), body.toString());
    assertTrue(body.getJsonObject("rooms").getJsonObject("join").isEmpty(), body.toString());
    assertTrue(
        body.getJsonObject("device_one_time_keys_count").containsKey("signed_curve25519"),
        body.toString());
    assertNotNull(body.getJsonArray("device_unused_fallback_key_types"), body.toString());

    // and one that something arrives for during its wait answers with it
    String text = "while waiting " + UUID.randomUUID();
    Thread sender =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
                send(alice, text);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    sender.start();
    Http.Reply woken =
        call("GET", "/_matrix/client/v3/sync?timeout=20000&since=" + since, bob, null);
    sender.join();
    assertEquals(200, woken.status(), woken.body());
    assertTrue(woken.body().contains(text), woken.body());
  }

  @Test
  void typingNoticeEndsWhenTheClockPassesItsTimeout() throws Exception {
    Http.Reply started =
        call("PUT", typing(roomId, alice), alice, "{\"typing\":true,\"timeout\":30000}");
    assertEquals(200, started.status(), started.body());
    JsonObject first = call("GET", "/_matrix/client/v3/sync", bob, null).json();
    assertEquals(
        "[\"" + alice.userId() + "\"]",
        typers(first).toString(),
        "bob sees alice typing: " + first);

    clock.advance(Duration.ofSeconds(31));
    JsonObject fresh = call("GET", "/_matrix/client/v3/sync", bob, null).json();
    JsonArray afterTimeout = typers(fresh);
    assertTrue(afterTimeout == null || afterTimeout.isEmpty(), "expired at read time: " + fresh);

    // the cluster job writes the end with a new stream position: a waiting sync wakes with it
    Http.Reply woken =
        call(
            "GET",
            "/_matrix/client/v3/sync?timeout=20000&since=" + first.getString("next_batch"),
            bob,
            null);
    assertEquals(200, woken.status(), woken.body());
    JsonArray ended = typers(woken.json());
    assertNotNull(ended, "the end of the notice reaches the long poll: " + woken.body());
    assertTrue(ended.isEmpty(), woken.body());
  }

  @Test
  void ignoredUsersMessagesAreGoneFromMessagesAndContextButTheirStateStays() throws Exception {
    String before = send(bob, "before ignoring " + UUID.randomUUID());
    // a state event of bob's: his member event with a new display name
    Http.Reply renamed =
        call(
            "PUT",
            "/_matrix/client/v3/profile/" + enc(bob.userId()) + "/displayname",
            bob,
            "{\"displayname\":\"Bob Neuname\"}");
    assertEquals(200, renamed.status(), renamed.body());
    String aliceText = "alice " + UUID.randomUUID();
    String aliceEvent = send(alice, aliceText);
    Http.Reply ignore =
        call(
            "PUT",
            "/_matrix/client/v3/user/" + enc(alice.userId()) + "/account_data/m.ignored_user_list",
            alice,
            "{\"ignored_users\":{\"" + bob.userId() + "\":{}}}");
    assertEquals(200, ignore.status(), ignore.body());

    String history = call("GET", room("/messages?dir=b&limit=50"), alice, null).body();
    assertFalse(history.contains(before), history);
    assertTrue(history.contains("Bob Neuname"), "state events of ignored users stay: " + history);
    assertTrue(history.contains(aliceText), history);
    String context =
        call("GET", room("/context/" + enc(aliceEvent) + "?limit=20"), alice, null).body();
    assertFalse(context.contains(before), context);
    assertTrue(context.contains(aliceText), context);
    String sync = call("GET", "/_matrix/client/v3/sync", alice, null).body();
    assertFalse(sync.contains(before), sync);
    // bob himself is unaffected
    assertTrue(call("GET", room("/messages?dir=b&limit=50"), bob, null).body().contains(before));
  }

  // ---- helpers

  private String send(Account sender, String body) throws Exception {
    return MatrixClient.sendText(sender, roomId, body);
  }

  private String jump(long ts, String dir) {
    return room("/timestamp_to_event?ts=" + ts + "&dir=" + dir).replace("/v3/", "/v1/");
  }

  private JsonArray typers(JsonObject sync) {
    JsonObject joined = sync.getJsonObject("rooms").getJsonObject("join").getJsonObject(roomId);
    if (joined == null) {
      return null;
    }
    for (JsonValue event : joined.getJsonObject("ephemeral").getJsonArray("events")) {
      if ("m.typing".equals(event.asJsonObject().getString("type"))) {
        return event.asJsonObject().getJsonObject("content").getJsonArray("user_ids");
      }
    }
    return null;
  }

  private String room(String rest) {
    return MatrixClient.room(roomId, rest);
  }

  private static String typing(String room, Account user) {
    return MatrixClient.room(room, "/typing/" + enc(user.userId()));
  }

  private static String presence(Account user) {
    return "/_matrix/client/v3/presence/" + enc(user.userId()) + "/status";
  }

  private static String export(String room, String format) {
    return "/_tim/v1/rooms/" + enc(room) + "/export?format=" + format;
  }
}
