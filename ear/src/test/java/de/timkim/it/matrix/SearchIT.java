package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.createRoom;
import static de.timkim.it.MatrixClient.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /search finds messages of the rooms one is in, never others', never ciphertext. */
@ExtendWith(ArquillianExtension.class)
class SearchIT extends DeployedEar {

  @Test
  void messagesAreFoundInOnesOwnRoomsPageByPage() throws Exception {
    String word = "kalium" + UUID.randomUUID().toString().substring(0, 6);
    Account alice = MatrixAccounts.register("search-alice");
    Account mallory = MatrixAccounts.register("search-mallory");
    String roomId = createRoom(alice, "{}");
    for (int i = 0; i < 12; i++) {
      send(
          alice,
          roomId,
          "m.room.message",
          "{\"msgtype\":\"m.text\",\"body\":\"Labor " + word.toUpperCase() + " " + i + "\"}");
    }
    send(alice, roomId, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"Termin morgen\"}");
    // ciphertext that happens to contain the word is not a message the server can read
    send(
        alice,
        roomId,
        "m.room.encrypted",
        "{\"algorithm\":\"m.megolm.v1.aes-sha2\",\"ciphertext\":\"" + word + "\"}");

    JsonObject first = search(alice, word, null);
    assertEquals(10, first.getJsonArray("results").size(), first.toString());
    assertTrue(
        first
            .getJsonArray("results")
            .getJsonObject(0)
            .getJsonObject("result")
            .getJsonObject("content")
            .getString("body")
            .endsWith(" 11"),
        "newest first: " + first);
    JsonObject second = search(alice, word, first.getString("next_batch"));
    assertEquals(2, second.getJsonArray("results").size(), second.toString());
    assertTrue(!second.containsKey("next_batch"));

    assertEquals(0, search(mallory, word, null).getJsonArray("results").size());
    Http.Reply empty =
        call(
            "POST",
            "/_matrix/client/v3/search",
            alice,
            "{\"search_categories\":{\"room_events\":{\"search_term\":\" \"}}}");
    assertEquals(400, empty.status(), empty.body());
    Http.Reply wrongKey =
        call(
            "POST",
            "/_matrix/client/v3/search",
            alice,
            "{\"search_categories\":{\"room_events\":{\"search_term\":\"x\",\"keys\":[\"sender\"]}}}");
    assertEquals(400, wrongKey.status(), wrongKey.body());
  }

  private static JsonObject search(Account who, String term, String next) throws Exception {
    Http.Reply reply =
        call(
            "POST",
            "/_matrix/client/v3/search" + (next == null ? "" : "?next_batch=" + enc(next)),
            who,
            "{\"search_categories\":{\"room_events\":{\"search_term\":\"" + term + "\"}}}");
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getJsonObject("search_categories").getJsonObject("room_events");
  }
}
