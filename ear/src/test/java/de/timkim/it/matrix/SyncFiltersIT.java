package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /sync filters section by section, inline and stored: a timeline filter's limit counts only the
 * events it shows, senders and contains_url narrow it, state/ephemeral/account data/presence
 * sections are filtered on their own, and a stored filter applies like an inline one.
 */
@ExtendWith(ArquillianExtension.class)
class SyncFiltersIT extends DeployedEar {

  private Account alice;
  private Account bob;
  private String roomId;

  @BeforeEach
  void aliceAndBobTalkAndChangeTheRoom() throws Exception {
    alice = MatrixAccounts.register("filter-a");
    bob = MatrixAccounts.register("filter-b");
    roomId =
        MatrixClient.createRoom(
            alice, "{\"name\":\"Filter\",\"invite\":[\"" + bob.userId() + "\"]}");
    MatrixClient.join(bob, roomId);
    // oldest to newest: alice 1, bob 2, a topic, alice's file, bob 3, then four topics
    send(alice, "{\"msgtype\":\"m.text\",\"body\":\"alice 1\"}");
    send(bob, "{\"msgtype\":\"m.text\",\"body\":\"bob 2\"}");
    state("m.room.topic", "{\"topic\":\"erste\"}");
    send(alice, "{\"msgtype\":\"m.file\",\"body\":\"befund.pdf\",\"url\":\"mxc://localhost/abc\"}");
    send(bob, "{\"msgtype\":\"m.text\",\"body\":\"bob 3\"}");
    for (int i = 0; i < 4; i++) {
      state("m.room.topic", "{\"topic\":\"t" + i + "\"}");
    }
    assertEquals(
        200,
        call(
                "PUT",
                "/_matrix/client/v3/user/" + enc(bob.userId()) + "/account_data/de.test.global",
                bob,
                "{\"x\":1}")
            .status());
    assertEquals(
        200,
        call(
                "PUT",
                "/_matrix/client/v3/user/"
                    + enc(bob.userId())
                    + "/rooms/"
                    + enc(roomId)
                    + "/account_data/de.test.room",
                bob,
                "{\"y\":2}")
            .status());
  }

  @Test
  void theTimelineLimitCountsOnlyTheEventsTheFilterShows() throws Exception {
    JsonObject room =
        joined(sync(bob, "{\"room\":{\"timeline\":{\"limit\":2,\"types\":[\"m.room.message\"]}}}"));
    JsonObject timeline = room.getJsonObject("timeline");
    // four topics came after the last messages; a limit applied before the filter would give none
    assertEquals(List.of("befund.pdf", "bob 3"), bodies(timeline.getJsonArray("events")));
    assertTrue(timeline.getBoolean("limited"));
    // the topics the filter kept out of the timeline come in the state section: the current one
    assertEquals(
        List.of("t3"),
        room.getJsonObject("state").getJsonArray("events").stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> "m.room.topic".equals(e.getString("type")))
            .map(e -> e.getJsonObject("content").getString("topic"))
            .toList());
    // paginating from prev_batch with the same filter goes on where the timeline stopped
    Http.Reply older =
        call(
            "GET",
            room("/messages?dir=b&limit=5&from=")
                + enc(timeline.getString("prev_batch"))
                + "&filter="
                + enc("{\"types\":[\"m.room.message\"]}"),
            bob,
            null);
    assertEquals(200, older.status(), older.body());
    assertEquals(List.of("bob 2", "alice 1"), bodies(older.json().getJsonArray("chunk")));
  }

  @Test
  void sendersAndContainsUrlNarrowTheTimeline() throws Exception {
    JsonArray fromBob =
        joined(
                sync(
                    bob,
                    "{\"room\":{\"timeline\":{\"limit\":10,\"types\":[\"m.room.message\"],"
                        + "\"senders\":[\""
                        + bob.userId()
                        + "\"]}}}"))
            .getJsonObject("timeline")
            .getJsonArray("events");
    assertEquals(List.of("bob 2", "bob 3"), bodies(fromBob));
    JsonArray withUrl =
        joined(sync(bob, "{\"room\":{\"timeline\":{\"contains_url\":true}}}"))
            .getJsonObject("timeline")
            .getJsonArray("events");
    assertEquals(List.of("befund.pdf"), bodies(withUrl));
  }

  @Test
  void stateEphemeralAccountDataAndPresenceSectionsAreFilteredOnTheirOwn() throws Exception {
    assertEquals(
        200,
        call(
                "PUT",
                room("/typing/" + enc(alice.userId())),
                alice,
                "{\"typing\":true,\"timeout\":30000}")
            .status());
    String filter =
        "{\"presence\":{\"types\":[]},"
            + "\"account_data\":{\"not_types\":[\"de.test.global\"]},"
            + "\"room\":{\"timeline\":{\"limit\":0},"
            + "\"state\":{\"types\":[\"m.room.name\"]},"
            + "\"ephemeral\":{\"not_types\":[\"m.typing\"]},"
            + "\"account_data\":{\"types\":[\"m.tag\"]}}}";
    JsonObject body = sync(bob, filter);
    JsonObject room = joined(body);
    assertEquals(List.of("m.room.name"), types(room.getJsonObject("state").getJsonArray("events")));
    assertFalse(
        types(room.getJsonObject("ephemeral").getJsonArray("events")).contains("m.typing"),
        room.toString());
    assertEquals(List.of(), types(room.getJsonObject("account_data").getJsonArray("events")));
    assertFalse(
        types(body.getJsonObject("account_data").getJsonArray("events"))
            .contains("de.test.global"));
    assertEquals(List.of(), types(body.getJsonObject("presence").getJsonArray("events")));

    // without the filter all of it is there
    JsonObject unfiltered = sync(bob, "{}");
    JsonObject all = joined(unfiltered);
    assertTrue(types(all.getJsonObject("ephemeral").getJsonArray("events")).contains("m.typing"));
    assertTrue(
        types(all.getJsonObject("account_data").getJsonArray("events")).contains("de.test.room"));
    assertTrue(
        types(unfiltered.getJsonObject("account_data").getJsonArray("events"))
            .contains("de.test.global"));
  }

  @Test
  void aStoredFilterAppliesLikeAnInlineOne() throws Exception {
    Http.Reply stored =
        call(
            "POST",
            "/_matrix/client/v3/user/" + enc(bob.userId()) + "/filter",
            bob,
            "{\"room\":{\"timeline\":{\"limit\":1,\"not_senders\":[\""
                + bob.userId()
                + "\"],"
                + "\"types\":[\"m.room.message\"]}}}");
    assertEquals(200, stored.status(), stored.body());
    Http.Reply synced =
        call(
            "GET",
            "/_matrix/client/v3/sync?filter=" + enc(stored.json().getString("filter_id")),
            bob,
            null);
    assertEquals(200, synced.status(), synced.body());
    assertEquals(
        List.of("befund.pdf"),
        bodies(joined(synced.json()).getJsonObject("timeline").getJsonArray("events")));
  }

  // ---- helpers

  private JsonObject sync(Account account, String filter) throws Exception {
    return MatrixClient.sync(account, filter, null);
  }

  private JsonObject joined(JsonObject sync) {
    return sync.getJsonObject("rooms").getJsonObject("join").getJsonObject(roomId);
  }

  private static List<String> bodies(JsonArray events) {
    return events.stream()
        .map(JsonValue::asJsonObject)
        .map(e -> e.getJsonObject("content").getString("body", "?"))
        .toList();
  }

  private static List<String> types(JsonArray events) {
    return events.stream().map(JsonValue::asJsonObject).map(e -> e.getString("type")).toList();
  }

  private void send(Account sender, String content) throws Exception {
    MatrixClient.send(sender, roomId, "m.room.message", content);
  }

  private void state(String type, String content) throws Exception {
    MatrixClient.putState(alice, roomId, type, "", content);
  }

  private String room(String rest) {
    return MatrixClient.room(roomId, rest);
  }
}
