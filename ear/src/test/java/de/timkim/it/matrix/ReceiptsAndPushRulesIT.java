package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.MatrixClient.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receipts, read markers, push rules and unread counts over HTTP: what /sync shows, and the spec's
 * errors for bad input (never a 500).
 */
@ExtendWith(ArquillianExtension.class)
class ReceiptsAndPushRulesIT extends DeployedEar {

  @Test
  void receiptsReachRoomMatesAndPrivateOnesOnlyTheirOwner() throws Exception {
    Account alice = MatrixAccounts.register("rcpt-alice");
    Account bob = MatrixAccounts.register("rcpt-bob");
    String roomId = sharedRoom(alice, bob);
    String first = send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"eins\"}");
    String second = send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"zwei\"}");
    String since = sync(alice, null).getString("next_batch");

    assertEquals(
        200,
        call("POST", receipt(roomId, "m.read", first), bob, "{\"thread_id\":\"main\"}").status());
    JsonObject seen = receiptContent(sync(alice, since), roomId);
    assertTrue(
        seen.getJsonObject(first).getJsonObject("m.read").containsKey(bob.userId()),
        seen.toString());
    assertEquals(
        "main",
        seen.getJsonObject(first)
            .getJsonObject("m.read")
            .getJsonObject(bob.userId())
            .getString("thread_id"));

    String afterPublic = sync(alice, since).getString("next_batch");
    assertEquals(200, call("POST", receipt(roomId, "m.read.private", second), bob, "{}").status());
    // alice is not told; bob sees his own private receipt
    JsonObject aliceRoom = roomOf(sync(alice, afterPublic), roomId);
    assertTrue(
        aliceRoom == null || receiptContent(sync(alice, afterPublic), roomId).isEmpty(),
        String.valueOf(aliceRoom));
    JsonObject own = receiptContent(sync(bob, null), roomId);
    assertTrue(
        own.getJsonObject(second).getJsonObject("m.read.private").containsKey(bob.userId()),
        own.toString());
    assertFalse(
        receiptContent(sync(alice, null), roomId).toString().contains("m.read.private"),
        "an initial sync does not show others' private receipts either");

    // read markers: fully read lands in room account data, m.read moves on
    String third = send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"drei\"}");
    Http.Reply markers =
        call(
            "POST",
            room(roomId, "/read_markers"),
            bob,
            "{\"m.fully_read\":\"" + third + "\",\"m.read\":\"" + third + "\"}");
    assertEquals(200, markers.status(), markers.body());
    JsonObject bobRoom = roomOf(sync(bob, null), roomId);
    assertTrue(
        bobRoom.getJsonObject("account_data").toString().contains("\"event_id\":\"" + third + "\""),
        bobRoom.toString());
    assertTrue(receiptContent(sync(alice, null), roomId).containsKey(third));
  }

  @Test
  void badReceiptsAreRefusedWithTheSpecsErrors() throws Exception {
    Account alice = MatrixAccounts.register("rcpt-bad-alice");
    Account bob = MatrixAccounts.register("rcpt-bad-bob");
    Account mallory = MatrixAccounts.register("rcpt-bad-mallory");
    String roomId = sharedRoom(alice, bob);
    String eventId = send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"x\"}");

    expectError(
        400, "M_INVALID_PARAM", call("POST", receipt(roomId, "m.seen", eventId), bob, "{}"));
    expectError(
        403, "M_FORBIDDEN", call("POST", receipt(roomId, "m.read", eventId), mallory, "{}"));
    expectError(
        404, "M_NOT_FOUND", call("POST", receipt(roomId, "m.read", "$nosuchevent"), bob, "{}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("POST", receipt(roomId, "m.fully_read", eventId), bob, "{\"thread_id\":\"main\"}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("POST", receipt(roomId, "m.read", eventId), bob, "{\"thread_id\":\"$other\"}"));
    expectError(
        400,
        "M_BAD_JSON",
        call("POST", receipt(roomId, "m.read", eventId), bob, "{\"thread_id\":5}"));
    expectError(400, "M_NOT_JSON", call("POST", receipt(roomId, "m.read", eventId), bob, "[1"));
    expectError(
        403,
        "M_FORBIDDEN",
        call("POST", room(roomId, "/read_markers"), mallory, "{\"m.read\":\"" + eventId + "\"}"));
    expectError(
        404,
        "M_NOT_FOUND",
        call("POST", room(roomId, "/read_markers"), bob, "{\"m.fully_read\":\"$nope\"}"));
  }

  @Test
  void pushRulesCanBeAddedOrderedChangedAndDeletedButDefaultsOnlyChanged() throws Exception {
    Account bob = MatrixAccounts.register("rules-bob");
    String since = sync(bob, null).getString("next_batch");
    String mute =
        "{\"actions\":[],\"conditions\":[{\"kind\":\"event_match\",\"key\":\"room_id\",\"pattern\":\"!a:localhost\"}]}";
    assertEquals(200, call("PUT", rule("override", "first"), bob, mute).status());
    assertEquals(200, call("PUT", rule("override", "second"), bob, mute).status());
    assertEquals(200, call("PUT", rule("override", "third") + "?after=second", bob, mute).status());
    JsonObject all = call("GET", "/_matrix/client/v3/pushrules/", bob, null).json();
    var override = all.getJsonObject("global").getJsonArray("override");
    assertEquals(".m.rule.master", override.getJsonObject(0).getString("rule_id"));
    assertEquals("second", override.getJsonObject(1).getString("rule_id"));
    assertEquals("third", override.getJsonObject(2).getString("rule_id"));
    assertEquals("first", override.getJsonObject(3).getString("rule_id"));
    assertFalse(override.getJsonObject(1).getBoolean("default"));

    // changes show up in /sync as account data m.push_rules
    JsonObject changed = sync(bob, since);
    assertTrue(
        changed.getJsonObject("account_data").toString().contains("m.push_rules"),
        changed.toString());

    assertEquals(
        200,
        call("PUT", rule("override", "first") + "/enabled", bob, "{\"enabled\":false}").status());
    assertEquals(
        JsonValue.FALSE,
        call("GET", rule("override", "first") + "/enabled", bob, null).json().get("enabled"));
    assertEquals(
        200,
        call(
                "PUT",
                rule("override", "first") + "/actions",
                bob,
                "{\"actions\":[\"notify\",{\"set_tweak\":\"highlight\"}]}")
            .status());
    assertEquals(
        2,
        call("GET", rule("override", "first") + "/actions", bob, null)
            .json()
            .getJsonArray("actions")
            .size());
    // server-default rules: switched off and on, never deleted
    assertEquals(
        200,
        call("PUT", rule("underride", ".m.rule.message") + "/enabled", bob, "{\"enabled\":false}")
            .status());
    assertEquals(
        JsonValue.FALSE,
        call("GET", rule("underride", ".m.rule.message"), bob, null).json().get("enabled"));
    expectError(
        400, "M_INVALID_PARAM", call("DELETE", rule("underride", ".m.rule.message"), bob, null));
    assertEquals(200, call("DELETE", rule("override", "first"), bob, null).status());
    expectError(404, "M_NOT_FOUND", call("DELETE", rule("override", "first"), bob, null));
    expectError(404, "M_NOT_FOUND", call("GET", rule("override", "first"), bob, null));

    // malformed rules
    expectError(400, "M_BAD_JSON", call("PUT", rule("override", "x"), bob, "{\"conditions\":[]}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("PUT", rule("override", "x"), bob, "{\"actions\":[\"beep\"]}"));
    expectError(
        400,
        "M_BAD_JSON",
        call("PUT", rule("override", "x"), bob, "{\"actions\":[],\"conditions\":\"all\"}"));
    expectError(400, "M_BAD_JSON", call("PUT", rule("content", "x"), bob, "{\"actions\":[]}"));
    expectError(
        400, "M_INVALID_PARAM", call("PUT", rule("override", ".mine"), bob, "{\"actions\":[]}"));
    expectError(400, "M_INVALID_PARAM", call("PUT", rule("loud", "x"), bob, "{\"actions\":[]}"));
    expectError(
        404,
        "M_NOT_FOUND",
        call("PUT", rule("override", "x") + "?before=nosuchrule", bob, "{\"actions\":[]}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("PUT", rule("override", "x") + "?before=.m.rule.master", bob, "{\"actions\":[]}"));
    expectError(400, "M_NOT_JSON", call("PUT", rule("override", "x"), bob, "{"));
  }

  @Test
  void unreadCountsRiseResetOnReadAndStayZeroWhenMuted() throws Exception {
    Account alice = MatrixAccounts.register("unread-alice");
    Account bob = MatrixAccounts.register("unread-bob");
    String roomId = sharedRoom(alice, bob);
    send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"eins\"}");
    String mention =
        send(
            alice,
            roomId,
            "{\"msgtype\":\"m.text\",\"body\":\"Bob?\",\"m.mentions\":{\"user_ids\":[\""
                + bob.userId()
                + "\"]}}");
    assertEquals(2, unread(bob, roomId).getInt("notification_count"));
    assertEquals(1, unread(bob, roomId).getInt("highlight_count"));
    assertEquals(0, unread(alice, roomId).getInt("notification_count"), "own messages don't count");

    call("POST", receipt(roomId, "m.read.private", mention), bob, "{}");
    assertEquals(0, unread(bob, roomId).getInt("notification_count"));
    assertEquals(0, unread(bob, roomId).getInt("highlight_count"));

    // a thread's messages are counted apart when the filter asks for it
    String root = send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"root\"}");
    String reply =
        send(
            alice,
            roomId,
            "{\"msgtype\":\"m.text\",\"body\":\"in thread\",\"m.relates_to\":{\"rel_type\":\"m.thread\",\"event_id\":\""
                + root
                + "\"}}");
    // a thread reply is not in the main timeline
    expectError(
        400,
        "M_INVALID_PARAM",
        call("POST", receipt(roomId, "m.read", reply), bob, "{\"thread_id\":\"main\"}"));
    String filter = enc("{\"room\":{\"timeline\":{\"unread_thread_notifications\":true}}}");
    JsonObject threaded =
        roomOf(
            call("GET", "/_matrix/client/v3/sync?timeout=0&filter=" + filter, bob, null).json(),
            roomId);
    assertEquals(1, threaded.getJsonObject("unread_notifications").getInt("notification_count"));
    assertEquals(
        1,
        threaded
            .getJsonObject("unread_thread_notifications")
            .getJsonObject(root)
            .getInt("notification_count"),
        threaded.toString());
    assertEquals(2, unread(bob, roomId).getInt("notification_count"), "unthreaded: all together");
    call("POST", receipt(roomId, "m.read", root), bob, "{\"thread_id\":\"main\"}");
    assertEquals(1, unread(bob, roomId).getInt("notification_count"), "the thread is still unread");

    // mute the room as Element does: an override rule on room_id without actions
    String last =
        send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"vor dem Stummschalten\"}");
    call("POST", receipt(roomId, "m.read", last), bob, "{}");
    assertEquals(
        200,
        call(
                "PUT",
                rule("override", roomId),
                bob,
                "{\"actions\":[],\"conditions\":[{\"kind\":\"event_match\",\"key\":\"room_id\",\"pattern\":\""
                    + roomId
                    + "\"}]}")
            .status());
    send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"still\"}");
    send(
        alice,
        roomId,
        "{\"msgtype\":\"m.text\",\"body\":\"Bob!\",\"m.mentions\":{\"user_ids\":[\""
            + bob.userId()
            + "\"]}}");
    assertEquals(0, unread(bob, roomId).getInt("notification_count"));
    assertEquals(0, unread(bob, roomId).getInt("highlight_count"));
  }

  /**
   * Push rules run for every member on each send: the send path of a room of 12 must stay within a
   * small factor of a room of 2 (figures go to the test output).
   */
  @Test
  void sendingStaysFastWhenEveryMembersRulesAreEvaluated() throws Exception {
    Account alice = MatrixAccounts.register("perf-alice");
    Account bob = MatrixAccounts.register("perf-bob");
    String small = sharedRoom(alice, bob);
    String large = sharedRoom(alice, bob);
    for (int i = 0; i < 10; i++) {
      Account member = MatrixAccounts.register("perf-member");
      call("POST", room(large, "/invite"), alice, "{\"user_id\":\"" + member.userId() + "\"}");
      assertEquals(200, call("POST", room(large, "/join"), member, "{}").status());
    }
    // warm up both paths
    for (int i = 0; i < 5; i++) {
      send(alice, small, "{\"msgtype\":\"m.text\",\"body\":\"warm\"}");
      send(alice, large, "{\"msgtype\":\"m.text\",\"body\":\"warm\"}");
    }
    int n = 40;
    long smallNanos = 0;
    long largeNanos = 0;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      send(alice, small, "{\"msgtype\":\"m.text\",\"body\":\"klein\"}");
      long t1 = System.nanoTime();
      send(alice, large, "{\"msgtype\":\"m.text\",\"body\":\"gross\"}");
      smallNanos += t1 - t0;
      largeNanos += System.nanoTime() - t1;
    }
    double smallMs = smallNanos / 1e6 / n;
    double largeMs = largeNanos / 1e6 / n;
    System.out.printf(
        "send: %.1f ms average in a room of 2, %.1f ms in a room of 12 (%d sends each)%n",
        smallMs, largeMs, n);
    assertEquals(n + 5, unread(bob, large).getInt("notification_count"));
    assertTrue(largeMs < 3 * smallMs + 30, "room of 12: " + largeMs + " ms vs " + smallMs + " ms");
  }

  /**
   * Finding 5: push rule globs were regexes, and {@code *a*a*a*b} against a 1,000-character body
   * took 3.3 s (n³) inside the send transaction. Patterns are now bounded and matched in linear
   * time.
   */
  @Test
  void oversizedPushRulePatternsAreRefusedAndAWorstCaseGlobDoesNotSlowSending() throws Exception {
    Account alice = MatrixAccounts.register("glob-alice");
    Account bob = MatrixAccounts.register("glob-bob");
    String roomId = sharedRoom(alice, bob);
    String actions = "\"actions\":[\"notify\"]";

    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            "PUT",
            rule("content", "long"),
            bob,
            "{" + actions + ",\"pattern\":\"" + "x".repeat(256) + "\"}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            "PUT",
            rule("content", "wild"),
            bob,
            "{" + actions + ",\"pattern\":\"" + "*a".repeat(17) + "\"}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            "PUT",
            rule("override", "wild"),
            bob,
            "{"
                + actions
                + ",\"conditions\":[{\"kind\":\"event_match\",\"key\":\"content.body\","
                + "\"pattern\":\""
                + "?".repeat(17)
                + "\"}]}"));
    assertEquals(
        200,
        call("PUT", rule("content", "worst"), bob, "{" + actions + ",\"pattern\":\"*a*a*a*b\"}")
            .status());

    long start = System.nanoTime();
    send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"" + "a".repeat(2000) + "\"}");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    System.out.println("send with a worst-case content rule: " + tookMs + " ms");
    assertTrue(tookMs < 2500, "sending took " + tookMs + " ms (the regex glob: 3.3 s at 1,000)");
  }

  // ---- helpers

  private static String sharedRoom(Account alice, Account bob) throws Exception {
    String roomId = MatrixClient.createRoom(alice, "{\"preset\":\"private_chat\"}");
    MatrixClient.invite(alice, roomId, bob);
    MatrixClient.join(bob, roomId);
    return roomId;
  }

  private static String send(Account sender, String roomId, String content) throws Exception {
    return MatrixClient.send(sender, roomId, "m.room.message", content);
  }

  private static JsonObject sync(Account account, String since) throws Exception {
    return MatrixClient.sync(account, null, since);
  }

  private static JsonObject roomOf(JsonObject sync, String roomId) {
    JsonObject join = sync.getJsonObject("rooms").getJsonObject("join");
    return join.containsKey(roomId) ? join.getJsonObject(roomId) : null;
  }

  private static JsonObject unread(Account account, String roomId) throws Exception {
    return roomOf(sync(account, null), roomId).getJsonObject("unread_notifications");
  }

  private static JsonObject receiptContent(JsonObject sync, String roomId) {
    JsonObject room = roomOf(sync, roomId);
    if (room == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    return room.getJsonObject("ephemeral").getJsonArray("events").stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> "m.receipt".equals(e.getString("type")))
        .map(e -> e.getJsonObject("content"))
        .findFirst()
        .orElse(JsonValue.EMPTY_JSON_OBJECT);
  }

  private static String receipt(String roomId, String type, String eventId) {
    return room(roomId, "/receipt/" + type + "/" + enc(eventId));
  }

  private static String rule(String kind, String ruleId) {
    return "/_matrix/client/v3/pushrules/global/" + kind + "/" + enc(ruleId);
  }
}
