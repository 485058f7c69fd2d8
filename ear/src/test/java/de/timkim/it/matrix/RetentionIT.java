package de.timkim.it.matrix;

import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.download;
import static de.timkim.it.MatrixClient.room;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import de.timkim.it.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention with a clock the test moves: exactly what is older than the limit goes, rooms stay
 * usable. Runs on the second messenger service (tim-b.localhost) so other tests' data is untouched.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT extends DeployedEar {

  @RegisterExtension final TestClock clock = new TestClock();

  private static final String SERVICE = "tim-b.localhost";

  @Test
  void messagesAndMediaOlderThanTheLimitGoNewerOnesAndTheRoomStay() throws Exception {
    Account alice = MatrixAccounts.registerAt("retention", SERVICE);
    String roomId = MatrixClient.createRoom(alice, "{\"name\":\"Station 7\"}");
    String oldText = "old " + UUID.randomUUID();
    String oldMedia = MatrixClient.upload(alice, "note.txt", "old file");
    String orphan = MatrixClient.upload(alice, "note.txt", "never sent");
    send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"" + oldText + "\"}");
    send(alice, roomId, "{\"msgtype\":\"m.file\",\"body\":\"a\",\"url\":\"" + oldMedia + "\"}");

    clock.advance(Duration.ofDays(92));
    String keptText = "three months later " + UUID.randomUUID();
    String keptMedia = MatrixClient.upload(alice, "note.txt", "newer file");
    send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"" + keptText + "\"}");
    send(alice, roomId, "{\"msgtype\":\"m.file\",\"body\":\"b\",\"url\":\"" + keptMedia + "\"}");

    // six calendar months are at most 184 days: one day more and the first messages are older
    clock.advance(Duration.ofDays(93));
    Http.Reply run = admin("POST", "/_tim/v1/admin/retention/run", null);
    assertEquals(200, run.status(), run.body());
    assertTrue(run.json().getInt("deleted_events") >= 2, run.body());
    assertTrue(run.json().getInt("deleted_media") >= 2, run.body());

    String history = call("GET", room(roomId, "/messages?dir=b&limit=100"), alice, null).body();
    assertTrue(!history.contains(oldText), history);
    assertTrue(history.contains(keptText), history);
    assertEquals(404, download(alice, oldMedia).status());
    assertEquals(404, download(alice, orphan).status());
    assertEquals(200, download(alice, keptMedia).status());

    // the room and its state are still there and usable
    assertEquals(
        "Station 7",
        call("GET", room(roomId, "/state/m.room.name/"), alice, null).json().getString("name"));
    send(alice, roomId, "{\"msgtype\":\"m.text\",\"body\":\"still works\"}");
    assertTrue(
        call("GET", "/_matrix/client/v3/sync", alice, null)
            .json()
            .getJsonObject("rooms")
            .getJsonObject("join")
            .containsKey(roomId));
  }

  @Test
  void theSettingIsOneOfTheAllowedValuesAndUsersAreTold() throws Exception {
    Account bob = MatrixAccounts.registerAt("retention", SERVICE);
    assertEquals(6, admin("GET", "/_tim/v1/admin/retention", null).json().getInt("months"));
    assertEquals(
        6,
        call("GET", "/_matrix/client/v3/capabilities", bob, null)
            .json()
            .getJsonObject("capabilities")
            .getJsonObject("de.timkim.retention")
            .getInt("months"));
    Http.Reply bad = admin("PUT", "/_tim/v1/admin/retention", "{\"months\":5}");
    assertEquals(400, bad.status(), bad.body());
    assertEquals("M_INVALID_PARAM", bad.json().getString("errcode"));
    try {
      Http.Reply changed = admin("PUT", "/_tim/v1/admin/retention", "{\"months\":3}");
      assertEquals(200, changed.status(), changed.body());
      assertTrue(changed.json().getInt("users_notified") >= 1, changed.body());
      assertEquals(
          3,
          call("GET", "/_matrix/client/v3/capabilities", bob, null)
              .json()
              .getJsonObject("capabilities")
              .getJsonObject("de.timkim.retention")
              .getInt("months"));
      String invite =
          call("GET", "/_matrix/client/v3/sync", bob, null)
              .json()
              .getJsonObject("rooms")
              .getJsonObject("invite")
              .toString();
      assertTrue(
          invite.contains("m.server_notice") || invite.contains("Systemnachrichten"), invite);
    } finally {
      admin("PUT", "/_tim/v1/admin/retention", "{\"months\":6}");
    }
  }

  // ---- helpers

  private static void send(Account sender, String roomId, String content) throws Exception {
    MatrixClient.send(sender, roomId, "m.room.message", content);
  }

  private static Http.Reply admin(String method, String path, String body) throws Exception {
    return MatrixAccounts.asAdmin(method, path, body, SERVICE);
  }
}
