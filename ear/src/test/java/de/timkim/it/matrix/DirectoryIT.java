package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.createRoom;
import static de.timkim.it.MatrixClient.invite;
import static de.timkim.it.MatrixClient.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finding people: one's own organisation and those one shares a room with, nobody else; finding
 * rooms: the public rooms of one's own messenger service.
 */
@ExtendWith(ArquillianExtension.class)
class DirectoryIT extends DeployedEar {

  private static final String OTHER = "tim-b.localhost";

  @Test
  void userSearchFindsTheOwnOrganisationAndRoomMatesOnly() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Account alice = MatrixAccounts.register("dir-alice");
    Account bob = named(MatrixAccounts.register("dir-bob"), "Dr. Bob Kardio" + tag);
    Account carol = named(MatrixAccounts.registerAt("dir", OTHER), "Carol Kardio" + tag);
    Account dave = named(MatrixAccounts.registerAt("dir", OTHER), "Dave Kardio" + tag);
    String roomId = createRoom(alice, "{}");
    invite(alice, roomId, dave);
    join(dave, roomId);

    assertEquals(
        Set.of(bob.userId(), dave.userId()), Set.copyOf(search(alice, "kardio" + tag, 10)));
    JsonObject limited =
        call(
                "POST",
                "/_matrix/client/v3/user_directory/search",
                alice,
                "{\"search_term\":\"KARDIO" + tag + "\",\"limit\":1}")
            .json();
    assertEquals(1, limited.getJsonArray("results").size());
    assertTrue(limited.getBoolean("limited"));
    assertTrue(
        limited
            .getJsonArray("results")
            .getJsonObject(0)
            .getString("display_name")
            .endsWith("Kardio" + tag));
    // carol's organisation is another; she shares no room with alice
    assertTrue(!search(alice, "carol", 50).contains(carol.userId()));
    // wildcards are text, not patterns
    assertEquals(List.of(), search(alice, "%" + tag, 10));
    assertEquals(
        400,
        call("POST", "/_matrix/client/v3/user_directory/search", alice, "{\"limit\":3}").status());
  }

  @Test
  void publicRoomsOfTheOwnServiceAreListedAndSearchable() throws Exception {
    Account alice = MatrixAccounts.register("pub-alice");
    Account bob = MatrixAccounts.register("pub-bob");
    String name = "Kardiologie " + UUID.randomUUID();
    String roomId =
        call(
                "POST",
                "/_matrix/client/v3/createRoom",
                alice,
                "{\"visibility\":\"public\",\"preset\":\"public_chat\",\"name\":\"" + name + "\"}")
            .json()
            .getString("room_id");

    assertTrue(listed(call("GET", "/_matrix/client/v3/publicRooms?limit=1000", bob, null), roomId));
    Http.Reply searched =
        call(
            "POST",
            "/_matrix/client/v3/publicRooms",
            bob,
            "{\"filter\":{\"generic_search_term\":\"" + name.toLowerCase() + "\"}}");
    assertEquals(1, searched.json().getJsonArray("chunk").size(), searched.body());
    JsonObject entry = searched.json().getJsonArray("chunk").getJsonObject(0);
    assertEquals(name, entry.getString("name"));
    assertEquals(1, entry.getInt("num_joined_members"));
    assertEquals("public", entry.getString("join_rule"));
    // TI-M public rooms are local: no list for anonymous callers of any server name (finding 22)
    for (String host : new String[] {OTHER, "localhost"}) {
      Http.Reply anonymous =
          Http.send(
              Http.request("/_matrix/client/v3/publicRooms?limit=1000").header("Host", host).GET());
      assertEquals(401, anonymous.status(), anonymous.body());
      assertEquals("M_MISSING_TOKEN", anonymous.json().getString("errcode"));
    }
    // nor for users of another service asking by Host header
    Http.Reply elsewhere =
        Http.send(
            Http.request("/_matrix/client/v3/publicRooms?limit=1000")
                .header("Host", OTHER)
                .header("Authorization", "Bearer " + bob.accessToken())
                .GET());
    assertEquals(403, elsewhere.status(), elsewhere.body());

    String list = "/_matrix/client/v3/directory/list/room/" + enc(roomId);
    assertEquals("public", call("GET", list, null, null).json().getString("visibility"));
    Http.Reply refused = call("PUT", list, bob, "{\"visibility\":\"private\"}");
    assertEquals(403, refused.status(), refused.body());
    assertEquals(200, call("PUT", list, alice, "{\"visibility\":\"private\"}").status());
    assertTrue(
        !listed(call("GET", "/_matrix/client/v3/publicRooms?limit=1000", bob, null), roomId));
    assertEquals(400, call("GET", "/_matrix/client/v3/publicRooms?limit=many", bob, null).status());
  }

  private static boolean listed(Http.Reply reply, String roomId) {
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("chunk").stream()
        .map(JsonValue::asJsonObject)
        .anyMatch(r -> roomId.equals(r.getString("room_id")));
  }

  private static List<String> search(Account who, String term, int limit) throws Exception {
    Http.Reply reply =
        call(
            "POST",
            "/_matrix/client/v3/user_directory/search",
            who,
            "{\"search_term\":\"" + term + "\",\"limit\":" + limit + "}");
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonArray("results").stream()
        .map(v -> v.asJsonObject().getString("user_id"))
        .toList();
  }

  private static Account named(Account account, String displayName) throws Exception {
    Http.Reply set =
        call(
            "PUT",
            "/_matrix/client/v3/profile/" + enc(account.userId()) + "/displayname",
            account,
            "{\"displayname\":\"" + displayName + "\"}");
    assertEquals(200, set.status(), set.body());
    return account;
  }
}
