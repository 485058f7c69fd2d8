package de.timkim.it.e2ee;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.e2ee.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /room_keys/version and /room_keys/keys: versions, the better-key rule, etag and count, errors.
 */
@ExtendWith(ArquillianExtension.class)
class KeyBackupIT extends DeployedEar {

  private static final String ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2";
  private static final String ROOM = enc("!room:localhost");

  private static JsonObject version(String publicKey) {
    return Json.createObjectBuilder()
        .add("algorithm", ALGORITHM)
        .add("auth_data", Json.createObjectBuilder().add("public_key", publicKey))
        .build();
  }

  private static JsonObject key(int firstIndex, int forwarded, boolean verified, String marker) {
    return Json.createObjectBuilder()
        .add("first_message_index", firstIndex)
        .add("forwarded_count", forwarded)
        .add("is_verified", verified)
        .add(
            "session_data",
            Json.createObjectBuilder()
                .add("ciphertext", marker)
                .add("mac", "m")
                .add("ephemeral", "e"))
        .build();
  }

  @Test
  void keysGoIntoTheCurrentVersionAndTheBetterCopyOfASessionWins() throws Exception {
    Account alice = MatrixAccounts.register("backup-alice");
    expectError(404, "M_NOT_FOUND", call(alice, "GET", "/room_keys/version", null));
    String v1 =
        call(alice, "POST", "/room_keys/version", version("pub1")).json().getString("version");

    JsonObject current = call(alice, "GET", "/room_keys/version", null).json();
    assertEquals(v1, current.getString("version"));
    assertEquals(ALGORITHM, current.getString("algorithm"));
    assertEquals(0, current.getInt("count"));
    String etag0 = current.getString("etag");

    String session = "/room_keys/keys/" + ROOM + "/s1?version=" + v1;
    JsonObject put = call(alice, "PUT", session, key(5, 1, false, "first")).json();
    assertEquals(1, put.getInt("count"));
    assertNotEquals(etag0, put.getString("etag"));
    // a worse copy (later first index) does not replace it and leaves the etag alone
    JsonObject worse = call(alice, "PUT", session, key(9, 0, false, "worse")).json();
    assertEquals(put.getString("etag"), worse.getString("etag"));
    assertEquals("first", sessionData(alice, session));
    // a verified copy beats an unverified one even with a later index
    call(alice, "PUT", session, key(7, 0, true, "verified"));
    assertEquals("verified", sessionData(alice, session));
    // between verified copies the lower first message index wins, then fewer forwards
    call(alice, "PUT", session, key(2, 3, true, "earlier"));
    call(alice, "PUT", session, key(2, 1, true, "fewer forwards"));
    assertEquals("fewer forwards", sessionData(alice, session));

    // the whole tree and per room
    Http.Reply bulk =
        call(
            alice,
            "PUT",
            "/room_keys/keys?version=" + v1,
            Json.createObjectBuilder()
                .add(
                    "rooms",
                    Json.createObjectBuilder()
                        .add(
                            "!other:localhost",
                            Json.createObjectBuilder()
                                .add(
                                    "sessions",
                                    Json.createObjectBuilder()
                                        .add("s2", key(0, 0, false, "bulk")))))
                .build());
    assertEquals(2, bulk.json().getInt("count"), bulk.body());
    JsonObject all = call(alice, "GET", "/room_keys/keys?version=" + v1, null).json();
    assertEquals(2, all.getJsonObject("rooms").size(), all.toString());
    JsonObject room = call(alice, "GET", "/room_keys/keys/" + ROOM + "?version=" + v1, null).json();
    assertEquals(1, room.getJsonObject("sessions").size());
    JsonObject emptyRoom =
        call(alice, "GET", "/room_keys/keys/" + enc("!none:localhost") + "?version=" + v1, null)
            .json();
    assertEquals(0, emptyRoom.getJsonObject("sessions").size());
    expectError(
        404,
        "M_NOT_FOUND",
        call(alice, "GET", "/room_keys/keys/" + ROOM + "/nope?version=" + v1, null));

    // a new version makes the old one read-only for uploads
    String v2 =
        call(alice, "POST", "/room_keys/version", version("pub2")).json().getString("version");
    Http.Reply wrong = call(alice, "PUT", session, key(0, 0, true, "late"));
    expectError(403, "M_WRONG_ROOM_KEYS_VERSION", wrong);
    assertEquals(v2, wrong.json().getString("current_version"));
    assertEquals(2, call(alice, "GET", "/room_keys/version/" + v1, null).json().getInt("count"));

    // delete keys and versions
    JsonObject deleted =
        call(alice, "DELETE", "/room_keys/keys/" + ROOM + "?version=" + v1, null).json();
    assertEquals(1, deleted.getInt("count"));
    assertEquals(200, call(alice, "DELETE", "/room_keys/version/" + v2, null).status());
    assertEquals(
        v1,
        call(alice, "GET", "/room_keys/version", null).json().getString("version"),
        "the newest remaining version is current");
    expectError(404, "M_NOT_FOUND", call(alice, "GET", "/room_keys/version/" + v2, null));
    expectError(404, "M_NOT_FOUND", call(alice, "GET", "/room_keys/keys?version=" + v2, null));
  }

  @Test
  void unknownVersionsAndBadBodiesGetTheSpecsErrors() throws Exception {
    Account alice = MatrixAccounts.register("backup-errors");
    expectError(
        404,
        "M_NOT_FOUND",
        call(alice, "PUT", "/room_keys/keys/" + ROOM + "/s?version=1", key(0, 0, false, "x")));
    String v =
        call(alice, "POST", "/room_keys/version", version("pub")).json().getString("version");
    expectError(
        403,
        "M_WRONG_ROOM_KEYS_VERSION",
        call(alice, "PUT", "/room_keys/keys/" + ROOM + "/s?version=999", key(0, 0, false, "x")));
    expectError(
        403,
        "M_WRONG_ROOM_KEYS_VERSION",
        call(alice, "PUT", "/room_keys/keys/" + ROOM + "/s?version=abc", key(0, 0, false, "x")));
    expectError(404, "M_NOT_FOUND", call(alice, "GET", "/room_keys/keys?version=999", null));
    expectError(404, "M_NOT_FOUND", call(alice, "GET", "/room_keys/version/999", null));
    expectError(404, "M_NOT_FOUND", call(alice, "DELETE", "/room_keys/version/999", null));
    expectError(400, "M_MISSING_PARAM", call(alice, "GET", "/room_keys/keys", null));
    expectError(
        400, "M_MISSING_PARAM", call(alice, "POST", "/room_keys/version", "{\"algorithm\":\"x\"}"));
    expectError(
        400,
        "M_BAD_JSON",
        call(
            alice,
            "PUT",
            "/room_keys/keys/" + ROOM + "/s?version=" + v,
            "{\"first_message_index\":\"0\"}"));
    expectError(
        400,
        "M_BAD_JSON",
        call(
            alice,
            "PUT",
            "/room_keys/keys?version=" + v,
            "{\"rooms\":{\"!r:localhost\":{\"sessions\":[]}}}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            alice,
            "PUT",
            "/room_keys/version/" + v,
            Json.createObjectBuilder(version("p")).add("algorithm", "other").build()));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            alice,
            "PUT",
            "/room_keys/version/" + v,
            Json.createObjectBuilder(version("p")).add("version", "77").build()));
    assertEquals(200, call(alice, "PUT", "/room_keys/version/" + v, version("updated")).status());
    assertEquals(
        "updated",
        call(alice, "GET", "/room_keys/version/" + v, null)
            .json()
            .getJsonObject("auth_data")
            .getString("public_key"));
    // another user never sees alice's backup
    Account bob = MatrixAccounts.register("backup-bob");
    expectError(404, "M_NOT_FOUND", call(bob, "GET", "/room_keys/version/" + v, null));
  }

  private static String sessionData(Account account, String path) throws Exception {
    return call(account, "GET", path, null)
        .json()
        .getJsonObject("session_data")
        .getString("ciphertext");
  }
}
