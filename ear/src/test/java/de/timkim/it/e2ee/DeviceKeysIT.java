package de.timkim.it.e2ee;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.e2ee.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /keys/upload, /keys/query, /keys/claim, /keys/changes and the key parts of /sync. */
@ExtendWith(ArquillianExtension.class)
class DeviceKeysIT extends DeployedEar {

  @Test
  void uploadedDeviceKeysAreQueriedWithDisplayNameAndCounted() throws Exception {
    Account alice = MatrixAccounts.register("keys-alice");
    Account bob = MatrixAccounts.register("keys-bob");
    assertEquals(
        200,
        call(alice, "PUT", "/devices/" + alice.deviceId(), "{\"display_name\":\"Praxis-PC\"}")
            .status());
    JsonObject keys = Calls.deviceKeys(alice).build();
    JsonObject otk = Calls.signedKey(alice);
    Http.Reply uploaded =
        call(
            alice,
            "POST",
            "/keys/upload",
            Json.createObjectBuilder()
                .add("device_keys", keys)
                .add(
                    "one_time_keys",
                    Json.createObjectBuilder().add("signed_curve25519:AAAAAQ", otk))
                .build());
    assertEquals(200, uploaded.status(), uploaded.body());
    assertEquals(
        1,
        uploaded.json().getJsonObject("one_time_key_counts").getInt("signed_curve25519"),
        uploaded.body());

    Http.Reply query =
        call(
            bob,
            "POST",
            "/keys/query",
            "{\"device_keys\":{\"" + alice.userId() + "\":[],\"@someone:elsewhere.example\":[]}}");
    assertEquals(200, query.status(), query.body());
    JsonObject device =
        query
            .json()
            .getJsonObject("device_keys")
            .getJsonObject(alice.userId())
            .getJsonObject(alice.deviceId());
    assertEquals(keys.getJsonObject("keys"), device.getJsonObject("keys"));
    assertEquals(keys.getJsonObject("signatures"), device.getJsonObject("signatures"));
    assertEquals("Praxis-PC", device.getJsonObject("unsigned").getString("device_display_name"));
    assertTrue(
        query.json().getJsonObject("failures").containsKey("elsewhere.example"),
        "users of servers this server cannot reach are failures: " + query.body());

    JsonObject sync = call(alice, "GET", "/sync?timeout=0", null).json();
    assertEquals(1, sync.getJsonObject("device_one_time_keys_count").getInt("signed_curve25519"));
  }

  @Test
  void keysForAnotherUsersDeviceAreRefused() throws Exception {
    Account alice = MatrixAccounts.register("keys-owner");
    Account mallory = MatrixAccounts.register("keys-mallory");
    // mallory uploads keys claiming to be alice's device
    JsonObject forged =
        Json.createObjectBuilder(Calls.deviceKeys(alice).build())
            .add("signatures", Calls.signatures(alice.userId(), "ed25519:" + alice.deviceId()))
            .build();
    Http.Reply refused =
        call(
            mallory,
            "POST",
            "/keys/upload",
            Json.createObjectBuilder().add("device_keys", forged).build());
    expectError(400, "M_INVALID_PARAM", refused);
    // and the same with her own user ID but another device ID
    JsonObject otherDevice =
        Json.createObjectBuilder(Calls.deviceKeys(mallory).build())
            .add("device_id", "NOTMINE")
            .build();
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            mallory,
            "POST",
            "/keys/upload",
            Json.createObjectBuilder().add("device_keys", otherDevice).build()));
    Http.Reply query =
        call(alice, "POST", "/keys/query", "{\"device_keys\":{\"" + alice.userId() + "\":[]}}");
    assertEquals(
        JsonValue.EMPTY_JSON_OBJECT,
        query.json().getJsonObject("device_keys").getJsonObject(alice.userId()),
        "nothing was stored for alice");
  }

  @Test
  void malformedKeysAnswerBadJsonAndStoreNothing() throws Exception {
    Account alice = MatrixAccounts.register("keys-malformed");
    List<JsonObject> bad =
        List.of(
            body(
                "device_keys",
                Json.createObjectBuilder(Calls.deviceKeys(alice).build())
                    .add("keys", "not an object")),
            body(
                "device_keys",
                Json.createObjectBuilder(Calls.deviceKeys(alice).build()).remove("signatures")),
            body(
                "device_keys",
                Json.createObjectBuilder(Calls.deviceKeys(alice).build())
                    .add(
                        "keys",
                        Json.createObjectBuilder()
                            .add("ed25519:" + alice.deviceId(), "not base64!"))),
            body(
                "device_keys",
                Json.createObjectBuilder(Calls.deviceKeys(alice).build())
                    .add("algorithms", Json.createArrayBuilder())),
            body(
                "one_time_keys",
                Json.createObjectBuilder().add("no-colon", Calls.signedKey(alice))),
            body(
                "one_time_keys",
                Json.createObjectBuilder().add("signed_curve25519:AAAB", Calls.key())),
            body("one_time_keys", Json.createObjectBuilder().add("signed_curve25519:AAAC", 42)),
            body(
                "one_time_keys",
                Json.createObjectBuilder()
                    .add(
                        "signed_curve25519:AAAD",
                        Json.createObjectBuilder().add("key", Calls.key()))),
            body(
                "fallback_keys",
                Json.createObjectBuilder()
                    .add(
                        "signed_curve25519:AAAE",
                        Json.createObjectBuilder(Calls.signedKey(alice)).add("fallback", "yes"))));
    for (JsonObject request : bad) {
      expectError(400, "M_BAD_JSON", call(alice, "POST", "/keys/upload", request));
    }
    expectError(400, "M_BAD_JSON", call(alice, "POST", "/keys/upload", "{\"one_time_keys\": [1]}"));
    expectError(400, "M_NOT_JSON", call(alice, "POST", "/keys/upload", "not json"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(alice, "POST", "/keys/query", "{\"device_keys\":{\"not-a-user\":[]}}"));
    expectError(
        400,
        "M_BAD_JSON",
        call(alice, "POST", "/keys/query", "{\"device_keys\":{\"" + alice.userId() + "\":\"x\"}}"));
    expectError(400, "M_MISSING_PARAM", call(alice, "POST", "/keys/claim", "{}"));
    expectError(400, "M_MISSING_PARAM", call(alice, "GET", "/keys/changes?from=s0", null));
    expectError(400, "M_INVALID_PARAM", call(alice, "GET", "/keys/changes?from=x&to=s1", null));
    JsonObject sync = call(alice, "GET", "/sync?timeout=0", null).json();
    assertEquals(0, sync.getJsonObject("device_one_time_keys_count").getInt("signed_curve25519"));
  }

  @Test
  void aOneTimeKeyIdCannotBeReusedForAnotherKey() throws Exception {
    Account alice = MatrixAccounts.register("keys-reuse");
    JsonObject first =
        body(
            "one_time_keys",
            Json.createObjectBuilder().add("signed_curve25519:K1", Calls.signedKey(alice)));
    assertEquals(200, call(alice, "POST", "/keys/upload", first).status());
    assertEquals(
        200, call(alice, "POST", "/keys/upload", first).status(), "the same key again is fine");
    JsonObject other =
        body(
            "one_time_keys",
            Json.createObjectBuilder().add("signed_curve25519:K1", Calls.signedKey(alice)));
    expectError(400, "M_INVALID_PARAM", call(alice, "POST", "/keys/upload", other));
  }

  @Test
  void theSameUploadSentConcurrentlyStoresEachKeyOnce() throws Exception {
    // a client that retries an upload before the first attempt answered (matrix-js-sdk's crypto
    // did in the e2ee scenario) got a 500 from the second insert of the same key
    Account alice = MatrixAccounts.register("keys-twice");
    JsonObjectBuilder otks = Json.createObjectBuilder();
    for (int i = 0; i < 20; i++) {
      otks.add("signed_curve25519:T" + i, Calls.signedKey(alice));
    }
    JsonObject upload =
        Json.createObjectBuilder()
            .add("device_keys", Calls.deviceKeys(alice))
            .add("one_time_keys", otks)
            .add(
                "fallback_keys",
                Json.createObjectBuilder()
                    .add(
                        "signed_curve25519:TFB",
                        Json.createObjectBuilder(Calls.signedKey(alice)).add("fallback", true)))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Http.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        replies.add(
            pool.submit((Callable<Http.Reply>) () -> call(alice, "POST", "/keys/upload", upload)));
      }
      for (Future<Http.Reply> future : replies) {
        Http.Reply reply = future.get();
        assertEquals(200, reply.status(), reply.body());
        assertEquals(
            20,
            reply.json().getJsonObject("one_time_key_counts").getInt("signed_curve25519"),
            reply.body());
      }
    } finally {
      pool.shutdown();
    }
    JsonObject sync = call(alice, "GET", "/sync?timeout=0", null).json();
    assertEquals(20, sync.getJsonObject("device_one_time_keys_count").getInt("signed_curve25519"));
    assertEquals(
        List.of(Json.createValue("signed_curve25519")),
        sync.getJsonArray("device_unused_fallback_key_types"));
  }

  @Test
  void eachOneTimeKeyIsClaimedOnceEvenConcurrentlyThenTheFallbackKey() throws Exception {
    Account alice = MatrixAccounts.register("claim-alice");
    List<Account> claimers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      claimers.add(MatrixAccounts.register("claim-bob" + i));
    }
    int keys = 10;
    JsonObjectBuilder otks = Json.createObjectBuilder();
    for (int i = 0; i < keys; i++) {
      otks.add("signed_curve25519:OTK" + i, Calls.signedKey(alice));
    }
    JsonObject fallback =
        Json.createObjectBuilder(Calls.signedKey(alice)).add("fallback", true).build();
    Http.Reply uploaded =
        call(
            alice,
            "POST",
            "/keys/upload",
            Json.createObjectBuilder()
                .add("device_keys", Calls.deviceKeys(alice))
                .add("one_time_keys", otks)
                .add(
                    "fallback_keys",
                    Json.createObjectBuilder().add("signed_curve25519:FB1", fallback))
                .build());
    assertEquals(200, uploaded.status(), uploaded.body());
    JsonObject before = call(alice, "GET", "/sync?timeout=0", null).json();
    assertEquals(
        List.of(Json.createValue("signed_curve25519")),
        before.getJsonArray("device_unused_fallback_key_types"));

    String claim =
        "{\"one_time_keys\":{\""
            + alice.userId()
            + "\":{\""
            + alice.deviceId()
            + "\":\"signed_curve25519\"}}}";
    int attempts = keys + 6;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Http.Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < attempts; i++) {
        Account claimer = claimers.get(i % claimers.size());
        replies.add(
            pool.submit((Callable<Http.Reply>) () -> call(claimer, "POST", "/keys/claim", claim)));
      }
      List<String> oneTimeKeysHandedOut = new ArrayList<>();
      int fallbacks = 0;
      for (Future<Http.Reply> future : replies) {
        Http.Reply reply = future.get();
        assertEquals(200, reply.status(), reply.body());
        JsonObject got =
            reply
                .json()
                .getJsonObject("one_time_keys")
                .getJsonObject(alice.userId())
                .getJsonObject(alice.deviceId());
        assertEquals(1, got.size(), reply.body());
        String keyId = got.keySet().iterator().next();
        if (keyId.equals("signed_curve25519:FB1")) {
          fallbacks++;
          assertTrue(got.getJsonObject(keyId).getBoolean("fallback"));
        } else {
          oneTimeKeysHandedOut.add(keyId);
        }
      }
      Set<String> distinct = new HashSet<>(oneTimeKeysHandedOut);
      assertEquals(
          oneTimeKeysHandedOut.size(),
          distinct.size(),
          "a one-time key was handed out twice: " + oneTimeKeysHandedOut);
      assertEquals(keys, distinct.size(), "every one-time key was handed out");
      assertEquals(attempts - keys, fallbacks, "then the fallback key");
    } finally {
      pool.shutdown();
    }
    JsonObject after = call(alice, "GET", "/sync?timeout=0", null).json();
    assertEquals(0, after.getJsonObject("device_one_time_keys_count").getInt("signed_curve25519"));
    assertEquals(
        0,
        after.getJsonArray("device_unused_fallback_key_types").size(),
        "the fallback key is used now");
  }

  @Test
  void roomMatesSeeDeviceChangesAndDeletedDevicesLoseTheirKeys() throws Exception {
    Account alice = MatrixAccounts.register("lists-alice");
    Account bob = MatrixAccounts.register("lists-bob");
    Account stranger = MatrixAccounts.register("lists-stranger");
    String roomId = MatrixClient.createRoom(alice, "{\"invite\":[\"" + bob.userId() + "\"]}");
    String room = "/rooms/" + enc(roomId);
    String bobSince = Calls.sinceNow(bob);
    MatrixClient.join(bob, roomId);
    String strangerSince = Calls.sinceNow(stranger);
    String afterJoin = Calls.sinceNow(bob);

    // alice's new device keys reach bob as a device list change, not the stranger
    assertEquals(
        200,
        call(alice, "POST", "/keys/upload", body("device_keys", Calls.deviceKeys(alice))).status());
    JsonObject bobSync = call(bob, "GET", "/sync?timeout=0&since=" + afterJoin, null).json();
    assertTrue(changed(bobSync).contains(alice.userId()), bobSync.toString());
    JsonObject strangerSync =
        call(stranger, "GET", "/sync?timeout=0&since=" + strangerSince, null).json();
    assertFalse(changed(strangerSync).contains(alice.userId()), strangerSync.toString());
    // joining the room made alice a user bob must track
    JsonObject sinceBeforeJoin =
        call(bob, "GET", "/keys/changes?from=" + bobSince + "&to=" + Calls.sinceNow(bob), null)
            .json();
    assertTrue(
        sinceBeforeJoin.getJsonArray("changed").contains(Json.createValue(alice.userId())),
        sinceBeforeJoin.toString());

    // alice logs the device out: its keys are gone and bob is told
    String beforeLogout = Calls.sinceNow(bob);
    assertEquals(200, call(alice, "POST", "/logout", "{}").status());
    JsonObject afterLogout = call(bob, "GET", "/sync?timeout=0&since=" + beforeLogout, null).json();
    assertTrue(changed(afterLogout).contains(alice.userId()), afterLogout.toString());
    JsonObject query =
        call(bob, "POST", "/keys/query", "{\"device_keys\":{\"" + alice.userId() + "\":[]}}")
            .json();
    assertEquals(
        JsonValue.EMPTY_JSON_OBJECT,
        query.getJsonObject("device_keys").getJsonObject(alice.userId()));

    // bob leaves the only shared room: alice is "left" for him
    String beforeLeave = Calls.sinceNow(bob);
    assertEquals(200, call(bob, "POST", room + "/leave", "{}").status());
    JsonObject left =
        call(bob, "GET", "/keys/changes?from=" + beforeLeave + "&to=" + Calls.sinceNow(bob), null)
            .json();
    assertTrue(
        left.getJsonArray("left").contains(Json.createValue(alice.userId())), left.toString());
  }

  @Test
  void aWaitingSyncWakesForARoomMatesNewKeys() throws Exception {
    Account alice = MatrixAccounts.register("wake-alice");
    Account bob = MatrixAccounts.register("wake-bob");
    String roomId = MatrixClient.createRoom(alice, "{\"invite\":[\"" + bob.userId() + "\"]}");
    MatrixClient.join(bob, roomId);
    String since = Calls.sinceNow(bob);
    var waiting =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return call(bob, "GET", "/sync?timeout=25000&since=" + since, null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertEquals(
        200,
        call(alice, "POST", "/keys/upload", body("device_keys", Calls.deviceKeys(alice))).status());
    JsonObject woken = waiting.get().json();
    assertTrue(
        changed(woken).contains(alice.userId()),
        "woken with the change, not at the timeout: " + woken);
  }

  static List<String> changed(JsonObject sync) {
    return sync
        .getJsonObject("device_lists")
        .getJsonArray("changed")
        .getValuesAs(jakarta.json.JsonString.class)
        .stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  static JsonObject body(String key, JsonObjectBuilder value) {
    return Json.createObjectBuilder().add(key, value).build();
  }
}
