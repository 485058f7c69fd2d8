package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.MatrixClient.ok;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events over their life: deleting a message (PUT /redact) as a user sees it and as the database
 * holds it afterwards, relations (replies, edits, reactions), and the previous content of replaced
 * state (unsigned.prev_content).
 */
@ExtendWith(ArquillianExtension.class)
class RoomEventsIT extends DeployedEar {

  private Account alice;
  private Account bob;
  private String roomId;

  @BeforeEach
  void aRoomOfTwo() throws Exception {
    alice = MatrixAccounts.register("redact-alice");
    bob = MatrixAccounts.register("redact-bob");
    roomId = MatrixClient.createRoom(alice, "{\"preset\":\"private_chat\"}");
    MatrixClient.invite(alice, roomId, bob);
    MatrixClient.join(bob, roomId);
  }

  @Test
  void redactedMessageContentIsGoneAndOthersMayNotRedactIt() throws Exception {
    String secret = "Befund " + UUID.randomUUID();
    String eventId = sendText(alice, secret);

    expectError(
        403, "M_FORBIDDEN", call("PUT", room("/redact/" + enc(eventId) + "/b1"), bob, "{}"));
    expectError(
        404,
        "M_NOT_FOUND",
        call("PUT", room("/redact/" + enc("$nosuchevent") + "/a0"), alice, "{}"));
    expectError(
        400,
        "M_BAD_JSON",
        call("PUT", room("/send/m.room.redaction/a9"), alice, "{\"redacts\":\"" + eventId + "\"}"));

    Http.Reply redacted =
        call(
            "PUT",
            room("/redact/" + enc(eventId) + "/a1"),
            alice,
            "{\"reason\":\"wrong patient\"}");
    ok(redacted);
    String redactionId = redacted.json().getString("event_id");
    // the same transaction ID again is the same redaction
    assertEquals(
        redactionId,
        call("PUT", room("/redact/" + enc(eventId) + "/a1"), alice, "{}")
            .json()
            .getString("event_id"));

    for (Account viewer : List.of(alice, bob)) {
      JsonObject event = call("GET", room("/event/" + enc(eventId)), viewer, null).json();
      assertEquals(0, event.getJsonObject("content").size(), event.toString());
      assertEquals(
          redactionId,
          event.getJsonObject("unsigned").getJsonObject("redacted_because").getString("event_id"),
          event.toString());
    }
    JsonObject redaction = call("GET", room("/event/" + enc(redactionId)), bob, null).json();
    assertEquals(eventId, redaction.getString("redacts"), redaction.toString());
    assertEquals(
        "wrong patient",
        redaction.getJsonObject("content").getString("reason"),
        redaction.toString());

    String history = call("GET", room("/messages?dir=b&limit=100"), bob, null).body();
    assertTrue(!history.contains(secret), history);
    if ("postgresql".equals(System.getProperty("it.db"))) {
      assertEquals(List.of(), placesInDatabaseHolding(secret));
    }
  }

  @Test
  void roomModeratorsMayRedactOthersEvents() throws Exception {
    String eventId = sendText(bob, "please delete " + UUID.randomUUID());
    ok(call("PUT", room("/redact/" + enc(eventId) + "/m1"), alice, "{}"));
    JsonObject event = call("GET", room("/event/" + enc(eventId)), bob, null).json();
    assertEquals(0, event.getJsonObject("content").size(), event.toString());
  }

  @Test
  void mediaOnlyTheRedactedMessageUsedIsDeletedSharedMediaStays() throws Exception {
    String only = upload("only-here");
    String shared = upload("shared");
    String withOnly = sendImage(alice, only);
    String withShared = sendImage(alice, shared);
    sendImage(bob, shared);

    ok(call("PUT", room("/redact/" + enc(withOnly) + "/i1"), alice, "{}"));
    ok(call("PUT", room("/redact/" + enc(withShared) + "/i2"), alice, "{}"));

    expectError(404, "M_NOT_FOUND", download(only));
    assertEquals(200, download(shared).status(), "still used by bob's message");
  }

  @Test
  void mentioningSomeoneElsesMediaAndRedactingItDoesNotDeleteTheirFile() throws Exception {
    String alicesFile = upload("alice's only copy");
    String bobsMention = sendImage(bob, alicesFile);

    ok(call("PUT", room("/redact/" + enc(bobsMention) + "/x1"), bob, "{}"));

    assertEquals(200, download(alicesFile).status(), "bob did not upload it and may not delete it");
  }

  @Test
  void aModeratorsRedactionDoesNotDeleteTheAuthorsMedia() throws Exception {
    String alicesFile = upload("moderated");
    String alicesImage = sendImage(alice, alicesFile);
    ok(
        call(
            "PUT",
            room("/state/m.room.power_levels/"),
            alice,
            "{\"users\":{\""
                + alice.userId()
                + "\":100,\""
                + bob.userId()
                + "\":50},\"redact\":50}"));

    ok(call("PUT", room("/redact/" + enc(alicesImage) + "/x2"), bob, "{}"));

    assertEquals(200, download(alicesFile).status(), "only the uploader's redaction releases it");
  }

  @Test
  void mediaStillUsedAsProfileOrRoomAvatarSurvivesTheRedactionOfItsLastMessage() throws Exception {
    String profileAvatar = upload("profile avatar");
    String roomAvatar = upload("room avatar");
    ok(
        call(
            "PUT",
            "/_matrix/client/v3/profile/" + enc(alice.userId()) + "/avatar_url",
            alice,
            "{\"avatar_url\":\"" + profileAvatar + "\"}"));
    ok(call("PUT", room("/state/m.room.avatar/"), alice, "{\"url\":\"" + roomAvatar + "\"}"));
    String withProfileAvatar = sendImage(alice, profileAvatar);
    String withRoomAvatar = sendImage(alice, roomAvatar);

    ok(call("PUT", room("/redact/" + enc(withProfileAvatar) + "/x3"), alice, "{}"));
    ok(call("PUT", room("/redact/" + enc(withRoomAvatar) + "/x4"), alice, "{}"));

    assertEquals(200, download(profileAvatar).status(), "still alice's profile avatar");
    assertEquals(200, download(roomAvatar).status(), "still the room's avatar");
  }

  @Test
  void editsAndReactionsComeBackThroughRelationsAndRepliesKeepTheirReference() throws Exception {
    String parent = sendText(alice, "Blutwerte liegen vor");
    relationsParent = parent;
    String reply =
        send(
            bob,
            "{\"msgtype\":\"m.text\",\"body\":\"danke\",\"m.mentions\":{\"user_ids\":[\""
                + alice.userId()
                + "\"]},\"m.relates_to\":{\"m.in_reply_to\":{\"event_id\":\""
                + parent
                + "\"}}}",
            "m.room.message");
    String edit =
        send(
            alice,
            "{\"msgtype\":\"m.text\",\"body\":\"* Blutwerte und Befund liegen vor\","
                + "\"m.new_content\":{\"msgtype\":\"m.text\",\"body\":\"Blutwerte und Befund\"},"
                + "\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\""
                + parent
                + "\"}}",
            "m.room.message");
    String reaction =
        send(
            bob,
            "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\""
                + parent
                + "\",\"key\":\"👍\"}}",
            "m.reaction");

    assertEquals(List.of(reaction, edit), relationIds(""));
    assertEquals(List.of(edit), relationIds("/m.replace"));
    assertEquals(List.of(reaction), relationIds("/m.annotation/m.reaction"));
    assertEquals(List.of(), relationIds("/m.annotation/m.room.message"));
    // one per page, the token leads on
    JsonObject first = call("GET", relations("?limit=1"), bob, null).json();
    assertEquals(1, first.getJsonArray("chunk").size());
    JsonObject second =
        call("GET", relations("?limit=1&from=" + first.getString("next_batch")), bob, null).json();
    assertEquals(edit, second.getJsonArray("chunk").getJsonObject(0).getString("event_id"));
    // replies are not relations with a rel_type, but their reference and mentions are kept
    JsonObject replyEvent = call("GET", room("/event/" + enc(reply)), alice, null).json();
    assertEquals(
        parent,
        replyEvent
            .getJsonObject("content")
            .getJsonObject("m.relates_to")
            .getJsonObject("m.in_reply_to")
            .getString("event_id"));
    assertEquals(
        alice.userId(),
        replyEvent
            .getJsonObject("content")
            .getJsonObject("m.mentions")
            .getJsonArray("user_ids")
            .getString(0));
    // a redacted edit relates to nothing any more
    ok(call("PUT", room("/redact/" + enc(edit) + "/e1"), alice, "{}"));
    assertEquals(List.of(reaction), relationIds(""));
    expectError(404, "M_NOT_FOUND", call("GET", relationsOf("$nosuchevent", ""), bob, null));
    Account stranger = MatrixAccounts.register("redact-stranger");
    expectError(403, "M_FORBIDDEN", call("GET", relations(""), stranger, null));
  }

  @Test
  void threadsAreListedByLatestActivityWithTheirSummaryAndPaged() throws Exception {
    String ward = sendText(alice, "Station 3: Übergabe");
    String lab = sendText(bob, "Labor: Rückfragen");
    threadReply(bob, ward, "Bett 4 ist frei");
    threadReply(alice, lab, "Kalium nachbestellt");
    String latestInWard = threadReply(bob, ward, "Bett 7 ist belegt");

    JsonObject all = call("GET", threads(""), alice, null).json();
    JsonArray chunk = all.getJsonArray("chunk");
    assertEquals(List.of(ward, lab), ids(chunk), "most recently active first");
    JsonObject summary =
        chunk
            .getJsonObject(0)
            .getJsonObject("unsigned")
            .getJsonObject("m.relations")
            .getJsonObject("m.thread");
    assertEquals(2, summary.getInt("count"));
    assertEquals(latestInWard, summary.getJsonObject("latest_event").getString("event_id"));
    assertTrue(summary.getBoolean("current_user_participated"), "alice started it");
    assertTrue(
        chunk
            .getJsonObject(1)
            .getJsonObject("unsigned")
            .getJsonObject("m.relations")
            .getJsonObject("m.thread")
            .getBoolean("current_user_participated"),
        "alice replied in it");

    // bob started the lab thread and replied in the ward thread; carol joins and took part in none
    Account carol = MatrixAccounts.register("thread-carol");
    ok(call("POST", room("/invite"), alice, "{\"user_id\":\"" + carol.userId() + "\"}"));
    ok(call("POST", room("/join"), carol, "{}"));
    assertEquals(
        List.of(ward, lab),
        ids(call("GET", threads("?include=participated"), bob, null).json().getJsonArray("chunk")));
    assertEquals(
        List.of(),
        ids(
            call("GET", threads("?include=participated"), carol, null)
                .json()
                .getJsonArray("chunk")));

    JsonObject firstPage = call("GET", threads("?limit=1"), bob, null).json();
    assertEquals(List.of(ward), ids(firstPage.getJsonArray("chunk")));
    JsonObject secondPage =
        call("GET", threads("?limit=1&from=" + firstPage.getString("next_batch")), bob, null)
            .json();
    assertEquals(List.of(lab), ids(secondPage.getJsonArray("chunk")));
    assertFalse(secondPage.containsKey("next_batch"), secondPage.toString());

    expectError(400, "M_INVALID_PARAM", call("GET", threads("?include=mine"), alice, null));
    expectError(
        403, "M_FORBIDDEN", call("GET", threads(""), MatrixAccounts.register("thread-x"), null));
  }

  private String threadReply(Account sender, String root, String body) throws Exception {
    return send(
        sender,
        "{\"msgtype\":\"m.text\",\"body\":\""
            + body
            + "\",\"m.relates_to\":{\"rel_type\":\"m.thread\","
            + "\"event_id\":\""
            + root
            + "\",\"is_falling_back\":true,"
            + "\"m.in_reply_to\":{\"event_id\":\""
            + root
            + "\"}}}",
        "m.room.message");
  }

  private String threads(String query) {
    return "/_matrix/client/v1/rooms/" + enc(roomId) + "/threads" + query;
  }

  private static List<String> ids(JsonArray events) {
    return events.stream().map(v -> v.asJsonObject().getString("event_id")).toList();
  }

  /** The event whose relations {@link #relations} asks for. */
  private String relationsParent;

  private List<String> relationIds(String suffix) throws Exception {
    Http.Reply reply = call("GET", relations(suffix), bob, null);
    ok(reply);
    return reply.json().getJsonArray("chunk").stream()
        .map(v -> v.asJsonObject().getString("event_id"))
        .toList();
  }

  private String relations(String suffixAndQuery) {
    return relationsOf(relationsParent, suffixAndQuery);
  }

  private String relationsOf(String parent, String suffixAndQuery) {
    return "/_matrix/client/v1/rooms/" + enc(roomId) + "/relations/" + enc(parent) + suffixAndQuery;
  }

  @Test
  void replacedStateCarriesItsPreviousContent() throws Exception {
    ok(call("PUT", room("/state/m.room.name/"), alice, "{\"name\":\"Station 3\"}"));
    String renamed =
        call("PUT", room("/state/m.room.name/"), alice, "{\"name\":\"Station 4\"}")
            .json()
            .getString("event_id");
    JsonObject event = call("GET", room("/event/" + enc(renamed)), bob, null).json();
    JsonObject unsigned = event.getJsonObject("unsigned");
    assertEquals(
        "Station 3", unsigned.getJsonObject("prev_content").getString("name"), event.toString());
    assertTrue(unsigned.getString("replaces_state").startsWith("$"), event.toString());
  }

  // ---- helpers

  private String send(Account sender, String content, String type) throws Exception {
    return MatrixClient.send(sender, roomId, type, content);
  }

  private String sendText(Account sender, String body) throws Exception {
    return MatrixClient.sendText(sender, roomId, body);
  }

  private String sendImage(Account sender, String mxc) throws Exception {
    return MatrixClient.send(
        sender,
        roomId,
        "m.room.message",
        "{\"msgtype\":\"m.image\",\"body\":\"x.png\",\"url\":\"" + mxc + "\"}");
  }

  private String upload(String text) throws Exception {
    return MatrixClient.upload(alice, "note.txt", text);
  }

  private Http.Reply download(String mxc) throws Exception {
    return MatrixClient.download(bob, mxc);
  }

  /** Every table.column of the test schema whose text holds {@code needle}. */
  private static List<String> placesInDatabaseHolding(String needle) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection db =
        DriverManager.getConnection(
            System.getProperty("it.postgresql.url"),
            System.getProperty("it.postgresql.user"),
            "")) {
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rs =
          db.createStatement()
              .executeQuery(
                  "SELECT table_name, column_name FROM information_schema.columns"
                      + " WHERE table_schema = current_schema()"
                      + " AND data_type IN ('character varying', 'text', 'bytea')")) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      for (String[] column : columns) {
        var query =
            db.prepareStatement(
                "SELECT COUNT(*) FROM \""
                    + column[0]
                    + "\" WHERE position(? in CAST(\""
                    + column[1]
                    + "\" AS TEXT)) > 0");
        query.setString(1, needle);
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            found.add(column[0] + "." + column[1]);
          }
        }
      }
    }
    return found;
  }

  private String room(String suffix) {
    return MatrixClient.room(roomId, suffix);
  }
}
