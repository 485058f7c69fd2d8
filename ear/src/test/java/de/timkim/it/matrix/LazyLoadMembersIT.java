package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.sync;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lazy-loading room members
 * (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members): with
 * lazy_load_members the state of a /sync carries the member events of the timeline's senders and
 * the user's own, not the other members, and the summary counts them all; /messages returns the
 * chunk's senders' members; /members?at gives the members of that moment.
 */
@ExtendWith(ArquillianExtension.class)
class LazyLoadMembersIT extends DeployedEar {

  private static final String LAZY =
      "{\"room\":{\"timeline\":{\"limit\":2},\"state\":{\"lazy_load_members\":true}}}";
  private static final String EAGER = "{\"room\":{\"timeline\":{\"limit\":2}}}";

  private Account alice;
  private Account bob;
  private Account carol;
  private Account dave;
  private String roomId;
  private String hi;

  /** Four members; after all joined only alice and bob speak. */
  @BeforeEach
  void fourJoinAndTwoSpeak() throws Exception {
    alice = MatrixAccounts.register("lazy-a");
    bob = MatrixAccounts.register("lazy-b");
    carol = MatrixAccounts.register("lazy-c");
    dave = MatrixAccounts.register("lazy-d");
    roomId = createRoom("{\"name\":\"Stationsbesprechung\"}", bob, carol, dave);
    assertEquals(
        200,
        call("PUT", room("/state/m.room.member/" + enc(dave.userId())), dave, join("Dave"))
            .status());
    send(alice, "hello");
    hi = send(bob, "hi");
  }

  @Test
  void theStateCarriesOnlyTheSendersAndTheUsersOwnMemberEvents() throws Exception {
    JsonObject room = joined(sync(carol, LAZY, null), roomId);
    assertEquals(List.of("hello", "hi"), bodies(room.getJsonObject("timeline")));
    assertEquals(
        Set.of(alice.userId(), bob.userId(), carol.userId()), memberKeys(room), room.toString());
    // the rest of the state comes as without lazy-loading
    assertTrue(types(room).contains("m.room.name"), room.toString());
    assertTrue(types(room).contains("m.room.power_levels"), room.toString());
    // the counts a client can no longer work out itself; a named room needs no heroes
    JsonObject summary = room.getJsonObject("summary");
    assertEquals(4, summary.getInt("m.joined_member_count"), summary.toString());
    assertEquals(0, summary.getInt("m.invited_member_count"), summary.toString());
    assertFalse(summary.containsKey("m.heroes"), summary.toString());
  }

  @Test
  void withoutLazyLoadingEveryMemberComes() throws Exception {
    JsonObject room = joined(sync(carol, EAGER, null), roomId);
    assertEquals(List.of("hello", "hi"), bodies(room.getJsonObject("timeline")));
    assertEquals(
        Set.of(alice.userId(), bob.userId(), carol.userId(), dave.userId()),
        memberKeys(room),
        room.toString());
    // dave's member event carries his display name
    assertEquals(
        "Dave",
        stateEvents(room).stream()
            .filter(e -> dave.userId().equals(e.getString("state_key", null)))
            .findFirst()
            .orElseThrow()
            .getJsonObject("content")
            .getString("displayname"));
  }

  @Test
  void anIncrementalSyncBringsTheMemberEventsOfTheNewSenders() throws Exception {
    String since = sync(carol, LAZY, null).getString("next_batch");
    send(dave, "late");
    JsonObject room = joined(sync(carol, LAZY, since), roomId);
    assertEquals(List.of("late"), bodies(room.getJsonObject("timeline")));
    assertFalse(room.getJsonObject("timeline").getBoolean("limited"));
    // dave was not in the first sync's state: his member event comes with his first message
    JsonObject daveMember =
        stateEvents(room).stream()
            .filter(e -> "m.room.member".equals(e.getString("type")))
            .findFirst()
            .orElseThrow(() -> new AssertionError(room.toString()));
    assertEquals(dave.userId(), daveMember.getString("state_key"));
    assertEquals("Dave", daveMember.getJsonObject("content").getString("displayname"));
    assertEquals(Set.of(dave.userId()), memberKeys(room));
    assertEquals(4, room.getJsonObject("summary").getInt("m.joined_member_count"));

    // without lazy-loading an incremental sync has no state: the client holds all members
    String later = sync(carol, EAGER, null).getString("next_batch");
    send(dave, "later");
    JsonObject eager = joined(sync(carol, EAGER, later), roomId);
    assertEquals(List.of(), stateEvents(eager), eager.toString());
  }

  @Test
  void aMemberTheDeviceAlreadyHasIsNotSentAgain() throws Exception {
    JsonObject first = sync(carol, LAZY, null);
    assertTrue(memberKeys(joined(first, roomId)).contains(alice.userId()));
    send(alice, "again");
    send(dave, "late");
    JsonObject room = joined(sync(carol, LAZY, first.getString("next_batch")), roomId);
    assertEquals(List.of("again", "late"), bodies(room.getJsonObject("timeline")));
    // alice's member event came in the first sync; dave's is new to this device
    assertEquals(Set.of(dave.userId()), memberKeys(room), room.toString());

    // another device of carol's has been sent nothing yet
    Account carolElsewhere = MatrixAccounts.login(carol, null);
    JsonObject other = sync(carolElsewhere, LAZY, first.getString("next_batch"));
    assertEquals(
        Set.of(alice.userId(), dave.userId()), memberKeys(joined(other, roomId)), other.toString());
  }

  @Test
  void whatALeaverWasSentIsForgottenAndARejoinBringsTheMembersAgain() throws Exception {
    String since = sync(carol, LAZY, null).getString("next_batch");
    sync(carol, LAZY, since);
    boolean postgresql = "postgresql".equals(System.getProperty("it.db"));
    if (postgresql) {
      assertTrue(rowsSentTo(carol) > 0, "the first sync noted the members it sent");
    }
    assertEquals(200, call("POST", room("/leave"), carol, "{}").status());
    if (postgresql) {
      assertEquals(0, rowsSentTo(carol), "leaving the room forgot them");
    }
    assertEquals(
        200,
        call("POST", room("/invite"), alice, "{\"user_id\":\"" + carol.userId() + "\"}").status());
    assertEquals(200, call("POST", room("/join"), carol, "{}").status());
    // the room comes as newly joined: the member event of who invited carol back is sent again
    JsonObject again = joined(sync(carol, LAZY, since), roomId);
    assertTrue(memberKeys(again).contains(alice.userId()), again.toString());
  }

  private long rowsSentTo(Account account) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("it.postgresql.url"),
                System.getProperty("it.postgresql.user"),
                "");
        PreparedStatement count =
            db.prepareStatement(
                "SELECT COUNT(*) FROM lazy_member_sent WHERE user_id = ? AND room_id = ?")) {
      count.setString(1, account.userId());
      count.setString(2, roomId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void aResponseTheClientDidNotGetIsSentAgain() throws Exception {
    String since = sync(carol, LAZY, null).getString("next_batch");
    send(dave, "late");
    JsonObject lost = sync(carol, LAZY, since);
    assertEquals(Set.of(dave.userId()), memberKeys(joined(lost, roomId)));
    // the client retries with the same token: it never got dave's member event
    JsonObject retried = sync(carol, LAZY, since);
    assertEquals(Set.of(dave.userId()), memberKeys(joined(retried, roomId)), retried.toString());
    // once it syncs on from that response, it has it
    send(dave, "still here");
    JsonObject next = sync(carol, LAZY, retried.getString("next_batch"));
    assertEquals(Set.of(), memberKeys(joined(next, roomId)), next.toString());
  }

  @Test
  void includeRedundantMembersRepeatsMembersTheClientWasSentBefore() throws Exception {
    String filter =
        "{\"room\":{\"timeline\":{\"limit\":2},"
            + "\"state\":{\"lazy_load_members\":true,\"include_redundant_members\":true}}}";
    JsonObject first = sync(carol, filter, null);
    assertTrue(memberKeys(joined(first, roomId)).contains(alice.userId()));
    send(alice, "again");
    JsonObject room = joined(sync(carol, filter, first.getString("next_batch")), roomId);
    assertEquals(Set.of(alice.userId()), memberKeys(room), room.toString());
  }

  @Test
  void anUnnamedRoomsHeroesComeWithTheirMemberEvents() throws Exception {
    String unnamed = createRoom("{}", bob, carol);
    send(unnamed, alice, "ohne Namen");
    JsonObject room = joined(sync(carol, LAZY, null), unnamed);
    JsonObject summary = room.getJsonObject("summary");
    assertEquals(
        List.of(alice.userId(), bob.userId()),
        summary.getJsonArray("m.heroes").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList(),
        summary.toString());
    assertEquals(3, summary.getInt("m.joined_member_count"));
    // bob has not spoken, but as a hero his member event is needed to name the room
    assertEquals(
        Set.of(alice.userId(), bob.userId(), carol.userId()), memberKeys(room), room.toString());
  }

  @Test
  void messagesWithLazyLoadingReturnTheChunksSendersMembers() throws Exception {
    String lazy = enc("{\"lazy_load_members\":true}");
    Http.Reply page = call("GET", room("/messages?dir=b&limit=2&filter=" + lazy), carol, null);
    assertEquals(200, page.status(), page.body());
    assertEquals(List.of("hi", "hello"), bodies(page.json().getJsonArray("chunk")));
    JsonArray state = page.json().getJsonArray("state");
    assertEquals(Set.of(alice.userId(), bob.userId()), keys(state), page.body());

    // further back: the joins, whose senders are the joiners themselves (and alice's invites)
    Http.Reply older =
        call(
            "GET",
            room("/messages?dir=b&limit=3&filter=" + lazy + "&from=")
                + enc(page.json().getString("end")),
            carol,
            null);
    assertEquals(200, older.status(), older.body());
    Set<String> senders =
        older.json().getJsonArray("chunk").stream()
            .map(e -> e.asJsonObject().getString("sender"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(senders, new TreeSet<>(keys(older.json().getJsonArray("state"))), older.body());

    Http.Reply plain = call("GET", room("/messages?dir=b&limit=2"), carol, null);
    assertEquals(List.of(), plain.json().getJsonArray("state"));
  }

  @Test
  void contextWithLazyLoadingReturnsTheRoomStateWithOnlyTheSendersMembers() throws Exception {
    String path = room("/context/" + enc(hi) + "?limit=2");
    Http.Reply lazy =
        call("GET", path + "&filter=" + enc("{\"lazy_load_members\":true}"), carol, null);
    assertEquals(200, lazy.status(), lazy.body());
    assertEquals(List.of("hello"), bodies(lazy.json().getJsonArray("events_before")));
    JsonArray state = lazy.json().getJsonArray("state");
    assertEquals(Set.of(alice.userId(), bob.userId()), keys(state), lazy.body());
    assertTrue(
        state.stream().anyMatch(e -> "m.room.name".equals(e.asJsonObject().getString("type"))),
        lazy.body());

    Http.Reply eager = call("GET", path, carol, null);
    assertEquals(
        Set.of(alice.userId(), bob.userId(), carol.userId(), dave.userId()),
        keys(eager.json().getJsonArray("state")));
  }

  @Test
  void membersAtAPrevBatchAreTheMembersOfThatMoment() throws Exception {
    JsonObject room = joined(sync(carol, LAZY, null), roomId);
    String prevBatch = room.getJsonObject("timeline").getString("prev_batch");
    Account erin = MatrixAccounts.register("lazy-e");
    assertEquals(
        200,
        call("POST", room("/invite"), alice, "{\"user_id\":\"" + erin.userId() + "\"}").status());
    assertEquals(200, call("POST", room("/join"), erin, "{}").status());

    Http.Reply now = call("GET", room("/members"), carol, null);
    assertEquals(200, now.status(), now.body());
    assertEquals(
        Set.of(alice.userId(), bob.userId(), carol.userId(), dave.userId(), erin.userId()),
        keys(now.json().getJsonArray("chunk")));
    Http.Reply then =
        call("GET", room("/members?not_membership=leave&at=") + enc(prevBatch), carol, null);
    assertEquals(200, then.status(), then.body());
    assertEquals(
        Set.of(alice.userId(), bob.userId(), carol.userId(), dave.userId()),
        keys(then.json().getJsonArray("chunk")),
        then.body());
    // dave's member event of that moment is the one with his display name
    assertTrue(then.body().contains("\"displayname\":\"Dave\""), then.body());
  }

  // ---- helpers

  /** A second device of the account (MatrixAccounts registers with this password). */
  private String createRoom(String options, Account... invitees) throws Exception {
    StringBuilder invite = new StringBuilder();
    for (Account invitee : invitees) {
      invite.append(invite.isEmpty() ? "" : ",").append('"').append(invitee.userId()).append('"');
    }
    String request = options.substring(0, options.length() - 1);
    request += (request.length() > 1 ? "," : "") + "\"invite\":[" + invite + "]}";
    String id = MatrixClient.createRoom(alice, request);
    for (Account invitee : invitees) {
      MatrixClient.join(invitee, id);
    }
    return id;
  }

  private static JsonObject joined(JsonObject sync, String roomId) {
    JsonObject room = sync.getJsonObject("rooms").getJsonObject("join").getJsonObject(roomId);
    assertTrue(room != null, sync.toString());
    return room;
  }

  private static List<JsonObject> stateEvents(JsonObject room) {
    return room.getJsonObject("state").getJsonArray("events").stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private static List<String> types(JsonObject room) {
    return stateEvents(room).stream().map(e -> e.getString("type")).toList();
  }

  private static Set<String> memberKeys(JsonObject room) {
    return keys(room.getJsonObject("state").getJsonArray("events"));
  }

  /** The state keys of the m.room.member events among {@code events}. */
  private static Set<String> keys(JsonArray events) {
    return events.stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> "m.room.member".equals(e.getString("type")))
        .map(e -> e.getString("state_key"))
        .collect(Collectors.toSet());
  }

  private static List<String> bodies(JsonObject timeline) {
    return bodies(timeline.getJsonArray("events"));
  }

  private static List<String> bodies(JsonArray events) {
    return events.stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> "m.room.message".equals(e.getString("type")))
        .map(e -> e.getJsonObject("content").getString("body"))
        .toList();
  }

  private static String join(String displayName) {
    return "{\"membership\":\"join\",\"displayname\":\"" + displayName + "\"}";
  }

  private String send(Account sender, String body) throws Exception {
    return send(roomId, sender, body);
  }

  private String send(String room, Account sender, String body) throws Exception {
    return MatrixClient.sendText(sender, room, body);
  }

  private String room(String rest) {
    return MatrixClient.room(roomId, rest);
  }
}
