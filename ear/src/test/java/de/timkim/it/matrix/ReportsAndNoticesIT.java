package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.createRoom;
import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.MatrixClient.invite;
import static de.timkim.it.MatrixClient.join;
import static de.timkim.it.MatrixClient.room;
import static de.timkim.it.MatrixClient.sendText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reports reach the admins of the reporter's own messenger service, and only them; server notices
 * reach a user in a room only the service writes to.
 */
@ExtendWith(ArquillianExtension.class)
class ReportsAndNoticesIT extends DeployedEar {

  @Test
  void aReportReachesTheReportersAdminsOnlyAndCanBeDismissed() throws Exception {
    Account alice = MatrixAccounts.register("report-alice");
    Account bob = MatrixAccounts.register("report-bob");
    Account mallory = MatrixAccounts.register("report-mallory");
    String roomId = createRoom(alice, "{}");
    invite(alice, roomId, bob);
    join(bob, roomId);
    String eventId = sendText(alice, roomId, "offensive");
    String reason = "unangemessen " + UUID.randomUUID();

    Http.Reply reported =
        call(
            "POST",
            room(roomId, "/report/" + enc(eventId)),
            bob,
            "{\"reason\":\"" + reason + "\",\"score\":-100}");
    assertEquals(200, reported.status(), reported.body());
    assertEquals("{}", reported.body());

    // what the reporter cannot see cannot be reported, and says "not found" either way
    expectError(
        404, "M_NOT_FOUND", call("POST", room(roomId, "/report/" + enc(eventId)), mallory, "{}"));
    expectError(
        404,
        "M_NOT_FOUND",
        call("POST", room(roomId, "/report/" + enc("$nosuchevent")), bob, "{}"));
    expectError(404, "M_NOT_FOUND", call("POST", room(roomId, "/report"), mallory, "{}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("POST", room(roomId, "/report/" + enc(eventId)), bob, "{\"score\":5}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            "POST",
            room(roomId, "/report/" + enc(eventId)),
            bob,
            "{\"reason\":\"" + "x".repeat(2001) + "\"}"));
    expectError(
        400,
        "M_BAD_JSON",
        call("POST", room(roomId, "/report/" + enc(eventId)), bob, "{\"reason\":5}"));
    assertEquals(200, call("POST", room(roomId, "/report"), bob, "{\"reason\":\"room\"}").status());

    JsonObject report = findReport(admin("GET", "/_tim/v1/admin/reports", null, null), reason);
    assertEquals(bob.userId(), report.getString("reporter"));
    assertEquals(eventId, report.getString("event_id"));
    assertEquals(roomId, report.getString("room_id"));
    assertEquals("OPEN", report.getString("status"));
    assertTrue(report.getJsonNumber("reported_at").longValue() > 0);
    assertEquals(
        null,
        findReport(admin("GET", "/_tim/v1/admin/reports", null, "tim-b.localhost"), reason),
        "another messenger service's admins do not see it");
    expectError(
        404,
        "M_NOT_FOUND",
        admin(
            "POST",
            "/_tim/v1/admin/reports/" + report.getJsonNumber("id"),
            "{\"status\":\"DISMISSED\"}",
            "tim-b.localhost"));

    Http.Reply dismissed =
        admin(
            "POST",
            "/_tim/v1/admin/reports/" + report.getJsonNumber("id"),
            "{\"status\":\"DISMISSED\"}",
            null);
    assertEquals(200, dismissed.status(), dismissed.body());
    assertEquals(
        "DISMISSED",
        findReport(admin("GET", "/_tim/v1/admin/reports", null, null), reason).getString("status"));
  }

  @Test
  void aServerNoticeArrivesInATaggedRoomOnlyTheServiceWritesTo() throws Exception {
    Account alice = MatrixAccounts.register("notice-alice");
    String text = "Wartung heute 22 Uhr " + UUID.randomUUID();
    Http.Reply sent =
        admin(
            "POST",
            "/_tim/v1/admin/server_notices",
            "{\"user_id\":\"" + alice.userId() + "\",\"body\":\"" + text + "\"}",
            null);
    assertEquals(200, sent.status(), sent.body());

    JsonObject invites =
        call("GET", "/_matrix/client/v3/sync", alice, null)
            .json()
            .getJsonObject("rooms")
            .getJsonObject("invite");
    assertEquals(1, invites.size(), invites.toString());
    String roomId = invites.keySet().iterator().next();
    assertEquals(200, call("POST", room(roomId, "/join"), alice, "{}").status());

    String history = call("GET", room(roomId, "/messages?dir=b"), alice, null).body();
    assertTrue(history.contains("\"msgtype\":\"m.server_notice\""), history);
    assertTrue(history.contains(text), history);
    JsonObject tags =
        call(
                "GET",
                "/_matrix/client/v3/user/"
                    + enc(alice.userId())
                    + "/rooms/"
                    + enc(roomId)
                    + "/account_data/m.tag",
                alice,
                null)
            .json();
    assertTrue(tags.getJsonObject("tags").containsKey("m.server_notice"), tags.toString());
    expectError(
        403,
        "M_FORBIDDEN",
        call(
            "PUT",
            room(roomId, "/send/m.room.message/n1"),
            alice,
            "{\"msgtype\":\"m.text\",\"body\":\"reply\"}"));

    // a second notice uses the same room; a notice to everyone reaches alice too
    admin(
        "POST",
        "/_tim/v1/admin/server_notices",
        "{\"user_id\":\"" + alice.userId() + "\",\"body\":\"second\"}",
        null);
    Http.Reply all = admin("POST", "/_tim/v1/admin/server_notices", "{\"body\":\"to all\"}", null);
    assertTrue(all.json().getInt("delivered") >= 1, all.body());
    String after = call("GET", room(roomId, "/messages?dir=b"), alice, null).body();
    assertTrue(after.contains("second") && after.contains("to all"), after);

    expectError(
        403,
        "M_FORBIDDEN",
        admin(
            "POST",
            "/_tim/v1/admin/server_notices",
            "{\"user_id\":\"" + alice.userId() + "\",\"body\":\"x\"}",
            "tim-b.localhost"));
    expectError(
        400,
        "M_BAD_JSON",
        admin("POST", "/_tim/v1/admin/server_notices", "{\"body\":\"  \"}", null));
  }

  @Test
  void nobodyRegistersAsTheNoticesUser() throws Exception {
    Http.Reply reply =
        MatrixAccounts.call(
            "POST",
            "/_matrix/client/v3/register",
            null,
            "{\"username\":\"notices\",\"password\":\"correct horse battery\"}");
    expectError(400, "M_USER_IN_USE", reply);
  }

  private static JsonObject findReport(Http.Reply list, String reason) {
    assertEquals(200, list.status(), list.body());
    return list.json().getJsonArray("reports").stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> reason.equals(r.getString("reason", null)))
        .findFirst()
        .orElse(null);
  }

  private static Http.Reply admin(String method, String path, String body, String host)
      throws Exception {
    return MatrixAccounts.asAdmin(method, path, body, host);
  }
}
