package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.invite;
import static de.timkim.it.MatrixClient.join;
import static de.timkim.it.MatrixClient.room;
import static de.timkim.it.MatrixClient.sendText;
import static de.timkim.it.MatrixClient.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * History visibility (https://spec.matrix.org/v1.11/client-server-api/#history-visibility) on every
 * read path: who never joined reads nothing, m.room.history_visibility decides per event what a
 * member sees, one who left sees the room as it was when they left, and a new room is "invited"
 * (gematik A_25481) unless initial_state says otherwise.
 */
@ExtendWith(ArquillianExtension.class)
class HistoryVisibilityIT extends DeployedEar {

  private static final String WITH_LEAVE =
      "{\"room\":{\"include_leave\":true,\"timeline\":{\"limit\":50}}}";

  @Test
  void aUserWhoRejectedTheInviteReadsNothingOfTheRoom() throws Exception {
    Account alice = MatrixAccounts.register("hv-reject-a");
    Account bob = MatrixAccounts.register("hv-reject-b");
    String roomId = createRoom(alice, "shared");
    String secret = word("geheim");
    String secretId = sendText(alice, roomId, secret);
    invite(alice, roomId, bob);
    assertEquals(200, call("POST", room(roomId, "/leave"), bob, "{}").status());

    assertNothingReadable(bob, roomId, secretId, secret);
  }

  @Test
  void anOutsiderBannedBeforeJoiningReadsNothingOfTheRoom() throws Exception {
    Account alice = MatrixAccounts.register("hv-ban-a");
    Account mallory = MatrixAccounts.register("hv-ban-m");
    String roomId = createRoom(alice, "shared");
    String secret = word("geheim");
    String secretId = sendText(alice, roomId, secret);
    Http.Reply ban =
        call("POST", room(roomId, "/ban"), alice, "{\"user_id\":\"" + mallory.userId() + "\"}");
    assertEquals(200, ban.status(), ban.body());

    assertNothingReadable(mallory, roomId, secretId, secret);
  }

  @Test
  void aJoinedRoomHidesWhatWasSaidBeforeTheJoinOnEveryReadPath() throws Exception {
    Account alice = MatrixAccounts.register("hv-joined-a");
    Account bob = MatrixAccounts.register("hv-joined-b");
    String roomId = createRoom(alice, "joined");
    String before = word("vorher");
    String beforeId = sendText(alice, roomId, before);
    String reply = word("antwort");
    MatrixClient.send(
        alice,
        roomId,
        "m.room.message",
        "{\"msgtype\":\"m.text\",\"body\":\""
            + reply
            + "\",\"m.relates_to\":{\"rel_type\":\"m.thread\",\"event_id\":\""
            + beforeId
            + "\"}}");
    invite(alice, roomId, bob);
    String whileInvited = word("eingeladen");
    sendText(alice, roomId, whileInvited);
    String since = sync(bob, null, null).getString("next_batch");
    join(bob, roomId);
    String after = word("nachher");
    String afterId = sendText(alice, roomId, after);

    String messages = call("GET", room(roomId, "/messages?dir=b&limit=50"), bob, null).body();
    assertTrue(messages.contains(after), messages);
    assertHidden(messages, before, reply, whileInvited);
    assertEquals(404, call("GET", room(roomId, "/event/" + enc(beforeId)), bob, null).status());
    assertEquals(404, call("GET", room(roomId, "/context/" + enc(beforeId)), bob, null).status());
    Http.Reply context =
        call("GET", room(roomId, "/context/" + enc(afterId) + "?limit=20"), bob, null);
    assertEquals(200, context.status(), context.body());
    assertHidden(context.body(), before, reply, whileInvited);
    Http.Reply relations =
        call(
            "GET",
            "/_matrix/client/v1/rooms/" + enc(roomId) + "/relations/" + enc(beforeId),
            bob,
            null);
    assertEquals(404, relations.status(), relations.body());
    Http.Reply threads =
        call("GET", "/_matrix/client/v1/rooms/" + enc(roomId) + "/threads", bob, null);
    assertEquals(200, threads.status(), threads.body());
    assertHidden(threads.body(), before, reply);
    assertEquals(0, search(bob, before), "search finds nothing from before the join");
    assertEquals(1, search(alice, before), "alice was there");
    Http.Reply export =
        call("GET", "/_tim/v1/rooms/" + enc(roomId) + "/export?format=json", bob, null);
    assertEquals(200, export.status(), export.body());
    assertTrue(export.body().contains(after), export.body());
    assertHidden(export.body(), before, reply, whileInvited);
    String initialSync = sync(bob, "{\"room\":{\"timeline\":{\"limit\":50}}}", null).toString();
    assertTrue(initialSync.contains(after), initialSync);
    assertHidden(initialSync, before, reply, whileInvited);
    // the room joined since the token comes as in an initial sync: still from the join on
    String joinedSince = sync(bob, "{\"room\":{\"timeline\":{\"limit\":50}}}", since).toString();
    assertTrue(joinedSince.contains(after), joinedSince);
    assertHidden(joinedSince, before, reply, whileInvited);
  }

  @Test
  void anInvitedRoomShowsHistoryFromTheInviteOn() throws Exception {
    Account alice = MatrixAccounts.register("hv-invited-a");
    Account bob = MatrixAccounts.register("hv-invited-b");
    String roomId = createRoom(alice, "invited");
    String before = word("vorher");
    sendText(alice, roomId, before);
    invite(alice, roomId, bob);
    String whileInvited = word("eingeladen");
    sendText(alice, roomId, whileInvited);
    join(bob, roomId);

    String messages = call("GET", room(roomId, "/messages?dir=b&limit=50"), bob, null).body();
    assertTrue(messages.contains(whileInvited), messages);
    assertHidden(messages, before);
  }

  @Test
  void aSharedRoomShowsAllItsHistoryToAJoinedMember() throws Exception {
    Account alice = MatrixAccounts.register("hv-shared-a");
    Account bob = MatrixAccounts.register("hv-shared-b");
    String roomId = createRoom(alice, "shared");
    String early = word("frueh");
    sendText(alice, roomId, early);
    invite(alice, roomId, bob);
    join(bob, roomId);

    String messages = call("GET", room(roomId, "/messages?dir=b&limit=50"), bob, null).body();
    assertTrue(messages.contains(early), messages);
  }

  @Test
  void aMemberWhoLeftSeesHistoryAndStateOnlyAsTheyWereAtTheLeave() throws Exception {
    Account alice = MatrixAccounts.register("hv-left-a");
    Account bob = MatrixAccounts.register("hv-left-b");
    Account carol = MatrixAccounts.register("hv-left-c");
    String roomId = createRoom(alice, "shared");
    setTopic(alice, roomId, "Alte Planung");
    invite(alice, roomId, bob);
    join(bob, roomId);
    String during = word("waehrend");
    String duringId = sendText(alice, roomId, during);
    assertEquals(200, call("POST", room(roomId, "/leave"), bob, "{}").status());
    String later = word("spaeter");
    sendText(alice, roomId, later);
    setTopic(alice, roomId, "Neue Planung");
    invite(alice, roomId, carol);
    join(carol, roomId);

    String messages = call("GET", room(roomId, "/messages?dir=b&limit=50"), bob, null).body();
    assertTrue(messages.contains(during), messages);
    assertHidden(messages, later);
    Http.Reply state = call("GET", room(roomId, "/state"), bob, null);
    assertEquals(200, state.status(), state.body());
    assertTrue(state.body().contains("Alte Planung"), state.body());
    assertHidden(state.body(), "Neue Planung", carol.userId());
    Http.Reply topic = call("GET", room(roomId, "/state/m.room.topic"), bob, null);
    assertEquals(200, topic.status(), topic.body());
    assertEquals("Alte Planung", topic.json().getString("topic"));
    assertEquals(
        404,
        call("GET", room(roomId, "/state/m.room.member/" + enc(carol.userId())), bob, null)
            .status());
    Http.Reply members = call("GET", room(roomId, "/members"), bob, null);
    assertEquals(200, members.status(), members.body());
    assertTrue(members.body().contains(alice.userId()), members.body());
    assertHidden(members.body(), carol.userId());
    Http.Reply context =
        call("GET", room(roomId, "/context/" + enc(duringId) + "?limit=20"), bob, null);
    assertEquals(200, context.status(), context.body());
    assertHidden(context.body(), later, "Neue Planung", carol.userId());
    String leaveSync = sync(bob, WITH_LEAVE, null).toString();
    assertTrue(leaveSync.contains(during), leaveSync);
    assertHidden(leaveSync, later, "Neue Planung");
  }

  @Test
  void aNewRoomIsInvitedUnlessInitialStateSaysOtherwise() throws Exception {
    Account alice = MatrixAccounts.register("hv-default-a");
    Http.Reply plain = call("POST", "/_matrix/client/v3/createRoom", alice, "{}");
    assertEquals(200, plain.status(), plain.body());
    assertEquals("invited", historyVisibility(alice, plain.json().getString("room_id")));
    assertEquals("joined", historyVisibility(alice, createRoom(alice, "joined")));
    assertEquals("shared", historyVisibility(alice, createRoom(alice, "shared")));
  }

  // ---- helpers

  private static void assertNothingReadable(
      Account reader, String roomId, String secretId, String secret) throws Exception {
    assertEquals(403, call("GET", room(roomId, "/messages?dir=b&limit=50"), reader, null).status());
    assertEquals(403, call("GET", room(roomId, "/event/" + enc(secretId)), reader, null).status());
    assertEquals(
        403, call("GET", room(roomId, "/context/" + enc(secretId)), reader, null).status());
    assertEquals(403, call("GET", room(roomId, "/state"), reader, null).status());
    assertEquals(403, call("GET", room(roomId, "/members"), reader, null).status());
    assertEquals(
        403,
        call(
                "GET",
                "/_matrix/client/v1/rooms/" + enc(roomId) + "/relations/" + enc(secretId),
                reader,
                null)
            .status());
    assertEquals(
        403,
        call("GET", "/_matrix/client/v1/rooms/" + enc(roomId) + "/threads", reader, null).status());
    assertEquals(0, search(reader, secret));
    assertEquals(
        403,
        call("GET", "/_tim/v1/rooms/" + enc(roomId) + "/export?format=json", reader, null)
            .status());
    String leaveSync = sync(reader, WITH_LEAVE, null).toString();
    assertHidden(leaveSync, secret);
  }

  private static void assertHidden(String body, String... words) {
    for (String word : words) {
      assertFalse(body.contains(word), word + " must not be readable: " + body);
    }
  }

  private static String word(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A room whose initial_state sets the history visibility. */
  private static String createRoom(Account creator, String visibility) throws Exception {
    return MatrixClient.createRoom(
        creator,
        "{\"initial_state\":[{\"type\":\"m.room.history_visibility\",\"state_key\":\"\","
            + "\"content\":{\"history_visibility\":\""
            + visibility
            + "\"}}]}");
  }

  private static String historyVisibility(Account reader, String roomId) throws Exception {
    return MatrixClient.state(reader, roomId, "m.room.history_visibility")
        .getString("history_visibility");
  }

  private static void setTopic(Account who, String roomId, String topic) throws Exception {
    MatrixClient.putState(who, roomId, "m.room.topic", "", "{\"topic\":\"" + topic + "\"}");
  }

  private static int search(Account who, String term) throws Exception {
    Http.Reply reply =
        call(
            "POST",
            "/_matrix/client/v3/search",
            who,
            "{\"search_categories\":{\"room_events\":{\"search_term\":\"" + term + "\"}}}");
    assertEquals(200, reply.status(), reply.body());
    return reply
        .json()
        .getJsonObject("search_categories")
        .getJsonObject("room_events")
        .getJsonArray("results")
        .size();
  }
}
