package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static de.timkim.it.MatrixAccounts.call;
import static de.timkim.it.MatrixClient.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.MatrixClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input answers the spec's error JSON with the right status, never a 500, and loses nothing
 * already stored.
 */
@ExtendWith(ArquillianExtension.class)
class MatrixErrorsIT extends DeployedEar {

  private Account alice;
  private String roomId;

  @BeforeEach
  void aRoomWithOneMessage() throws Exception {
    alice = MatrixAccounts.register("errors");
    roomId = MatrixClient.createRoom(alice, "{\"name\":\"errors\"}");
    MatrixClient.sendText(alice, roomId, "keep me");
  }

  @Test
  void malformedJsonIsMNotJson() throws Exception {
    expectError(400, "M_NOT_JSON", call("POST", "/_matrix/client/v3/login", null, "{\"type\": "));
    expectError(400, "M_NOT_JSON", call("PUT", room("/send/m.room.message/t1"), alice, "[1,2]"));
    assertMessageKept();
  }

  @Test
  void wrongTypesAreMBadJson() throws Exception {
    expectError(400, "M_BAD_JSON", call("POST", "/_matrix/client/v3/login", null, "{\"type\": 5}"));
    expectError(
        400,
        "M_BAD_JSON",
        call("POST", "/_matrix/client/v3/createRoom", alice, "{\"name\": [\"x\"]}"));
    expectError(
        400,
        "M_BAD_JSON",
        call("POST", "/_matrix/client/v3/createRoom", alice, "{\"invite\": \"@a:b\"}"));
  }

  @Test
  void hugeEventIsMTooLargeAndTheRoomKeepsItsHistory() throws Exception {
    String big =
        "{\"msgtype\":\"m.text\",\"format\":\"x\",\"formatted_body\":\""
            + "y".repeat(70_000)
            + "\",\"body\":\"short\"}";
    expectError(413, "M_TOO_LARGE", call("PUT", room("/send/m.room.message/big"), alice, big));
    expectError(
        413,
        "M_TOO_LARGE",
        call(
            "PUT",
            room("/send/m.room.message/long"),
            alice,
            "{\"msgtype\":\"m.text\",\"body\":\"" + "z".repeat(4001) + "\"}"));
    assertMessageKept();
  }

  /**
   * Finding 10: every JSON endpoint, unauthenticated ones included, buffered bodies up to the
   * listener's 160 MiB. Bodies above 1 MiB are now refused with 413 before they are read: from
   * Content-Length at once, chunked ones once the limit is passed; uploads keep their 110 MB.
   */
  @Test
  void bodiesAboveOneMebibyteAreRefusedOutsideMediaUploadsDeclaredOrChunked() throws Exception {
    String padding = "x".repeat(2 * 1024 * 1024);
    String login = "{\"type\":\"m.login.password\",\"password\":\"" + padding + "\"}";
    HttpRequest.Builder declared =
        Http.request("/_matrix/client/v3/login")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(login));
    expectError(413, "M_TOO_LARGE", Http.send(declared));

    // no Content-Length: the client sends chunked and the server must count while reading
    HttpRequest.Builder chunked =
        Http.request("/_matrix/client/v3/login")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(login.getBytes(StandardCharsets.UTF_8))));
    expectError(413, "M_TOO_LARGE", Http.send(chunked));

    // 18 devices × 50 KB: under the per-message 64 KiB, 900 KB in all
    StringBuilder devices = new StringBuilder();
    for (int i = 0; i < 18; i++) {
      devices.append(i == 0 ? "" : ",").append("\"DEV").append(i).append("\":{\"ciphertext\":\"");
      devices.append("c".repeat(50_000)).append("\"}");
    }
    String toDevice = "{\"messages\":{\"" + alice.userId() + "\":{" + devices + "}}}";
    expectError(
        413,
        "M_TOO_LARGE",
        call("PUT", "/_matrix/client/v3/sendToDevice/m.test/big1", alice, toDevice + padding));
    Http.Reply belowLimit =
        call("PUT", "/_matrix/client/v3/sendToDevice/m.test/big2", alice, toDevice);
    assertEquals(200, belowLimit.status(), "900 KB is below the limit");

    Http.Reply upload =
        Http.send(
            Http.request("/_matrix/media/v3/upload")
                .header("Authorization", alice.authorization())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024])));
    assertEquals(200, upload.status(), "media uploads keep their own limit");
    assertMessageKept();
  }

  @Test
  void unknownRoomsAndEventsAreRefused() throws Exception {
    expectError(
        403,
        "M_FORBIDDEN",
        call(
            "PUT",
            "/_matrix/client/v3/rooms/" + enc("!nope:localhost") + "/send/m.room.message/x",
            alice,
            "{\"body\":\"x\"}"));
    expectError(
        404, "M_NOT_FOUND", call("GET", room("/event/" + enc("$doesnotexist")), alice, null));
    expectError(400, "M_INVALID_PARAM", call("GET", room("/messages?dir=sideways"), alice, null));
    expectError(
        400, "M_INVALID_PARAM", call("GET", "/_matrix/client/v3/sync?since=garbage", alice, null));
  }

  @Test
  void foreignAndMissingTokensAreRefused() throws Exception {
    Account mallory = MatrixAccounts.register("mallory");
    expectError(403, "M_FORBIDDEN", call("GET", room("/messages?dir=b"), mallory, null));
    expectError(
        403,
        "M_FORBIDDEN",
        call("PUT", room("/send/m.room.message/m1"), mallory, "{\"body\":\"hi\"}"));
    expectError(
        401,
        "M_UNKNOWN_TOKEN",
        call(
            "GET", "/_matrix/client/v3/account/whoami", new Account("x", "y", "syt_forged"), null));
    expectError(401, "M_MISSING_TOKEN", call("GET", "/_matrix/client/v3/joined_rooms", null, null));
    assertMessageKept();
  }

  @Test
  void repeatedWrongPasswordsAreRateLimitedWithRetryAfter() throws Exception {
    String local = alice.userId().substring(1, alice.userId().indexOf(':'));
    String wrong =
        "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\""
            + local
            + "\"},\"password\":\"wrong-password\"}";
    Http.Reply reply = null;
    int refusedAsForbidden = 0;
    for (int i = 0; i < 10; i++) {
      reply = call("POST", "/_matrix/client/v3/login", null, wrong);
      if (reply.status() == 429) {
        break;
      }
      assertEquals(403, reply.status(), reply.body());
      refusedAsForbidden++;
    }
    assertEquals(5, refusedAsForbidden);
    expectError(429, "M_LIMIT_EXCEEDED", reply);
    long retryAfter = reply.json().getJsonNumber("retry_after_ms").longValue();
    assertEquals(true, retryAfter > 0 && retryAfter <= 6000, reply.body());
    // the right password waits too: guessing cannot continue by mixing in the real one
    String right = wrong.replace("wrong-password", "correct horse battery");
    expectError(429, "M_LIMIT_EXCEEDED", call("POST", "/_matrix/client/v3/login", null, right));
  }

  @Test
  void forgettingNeedsLeavingFirstAndThenClosesTheHistory() throws Exception {
    Http.Reply inRoom = call("POST", room("/forget"), alice, "{}");
    assertEquals(400, inRoom.status(), inRoom.body());
    assertEquals(200, call("POST", room("/leave"), alice, "{}").status());
    assertEquals(
        200, call("GET", room("/messages?dir=b"), alice, null).status(), "history up to leaving");
    assertEquals(200, call("POST", room("/forget"), alice, "{}").status());
    expectError(403, "M_FORBIDDEN", call("GET", room("/messages?dir=b"), alice, null));
    String leaveFilter = enc("{\"room\":{\"include_leave\":true}}");
    Http.Reply sync = call("GET", "/_matrix/client/v3/sync?filter=" + leaveFilter, alice, null);
    assertEquals(
        false,
        sync.json().getJsonObject("rooms").getJsonObject("leave").containsKey(roomId),
        sync.body());
  }

  @Test
  void sendingTooFastIsRateLimitedAndEveryAcceptedEventIsKept() throws Exception {
    // the ITs allow a burst of 250 events per user, then one per 100 s (arquillian.xml), so the
    // limit is reached however slowly this machine sends
    int accepted = 0;
    Http.Reply reply = null;
    for (int i = 0; i < 400; i++) {
      reply =
          call(
              "PUT",
              room("/send/m.room.message/flood" + i),
              alice,
              "{\"msgtype\":\"m.text\",\"body\":\"flood " + i + "\"}");
      if (reply.status() == 429) {
        break;
      }
      assertEquals(200, reply.status(), reply.body());
      accepted++;
    }
    expectError(429, "M_LIMIT_EXCEEDED", reply);
    assertEquals(true, reply.json().getJsonNumber("retry_after_ms").longValue() > 0, reply.body());
    assertEquals(true, accepted >= 249, "the burst is honoured: " + accepted);
    Http.Reply page = call("GET", room("/messages?dir=b&limit=1000"), alice, null);
    long flood =
        page.json().getJsonArray("chunk").stream()
            .map(v -> v.asJsonObject().getJsonObject("content").getString("body", ""))
            .filter(b -> b.startsWith("flood "))
            .count();
    assertEquals(accepted, flood, "every accepted event is stored, the refused one is not");
    assertMessageKept();
  }

  @Test
  void registrationOpensWithTheFlowsAndChecksThePasswordWhenItCounts() throws Exception {
    // an empty first request learns the flows (Element's "can I register?" probe)
    Http.Reply flows = call("POST", "/_matrix/client/v3/register", null, "{}");
    assertEquals(401, flows.status(), flows.body());
    assertEquals(
        "m.login.registration_token",
        flows.json().getJsonArray("flows").getJsonObject(0).getJsonArray("stages").getString(0),
        flows.body());
    expectError(
        400,
        "M_WEAK_PASSWORD",
        call("POST", "/_matrix/client/v3/register", null, "{\"password\":\"short\"}"));
    // completing the stage without a password is refused, and the code stays unspent
    String token = MatrixAccounts.issueRegistrationToken();
    String withoutPassword =
        "{\"auth\":{\"type\":\"m.login.registration_token\",\"token\":\""
            + token
            + "\",\"session\":\""
            + flows.json().getString("session")
            + "\"}}";
    expectError(
        400, "M_MISSING_PARAM", call("POST", "/_matrix/client/v3/register", null, withoutPassword));
    Http.Reply validity =
        call(
            "GET",
            "/_matrix/client/v1/register/m.login.registration_token/validity?token=" + enc(token),
            null,
            null);
    assertEquals(true, validity.json().getBoolean("valid"), validity.body());
  }

  @Test
  void sendingTwiceWithOneTransactionIdStoresOneEvent() throws Exception {
    String body = "{\"msgtype\":\"m.text\",\"body\":\"once\"}";
    String first =
        call("PUT", room("/send/m.room.message/dup"), alice, body).json().getString("event_id");
    String second =
        call("PUT", room("/send/m.room.message/dup"), alice, body).json().getString("event_id");
    assertEquals(first, second);
  }

  @Test
  void deeplyNestedContentIsMBadJsonAndTheRoomStaysReadable() throws Exception {
    // 998 levels inside the content passed the parser, were stored, and then every read of the
    // room (/messages, /sync) failed with a 500: the stored event is one level deeper than the
    // parser's limit of 1000
    for (int depth : new int[] {101, 998, 5_000}) {
      String body =
          "{\"msgtype\":\"m.text\",\"body\":\"deep\",\"x\":"
              + "[".repeat(depth)
              + "]".repeat(depth)
              + "}";
      expectError(
          400, "M_BAD_JSON", call("PUT", room("/send/m.room.message/deep" + depth), alice, body));
    }
    expectError(
        400,
        "M_BAD_JSON",
        call("POST", "/_matrix/client/v3/login", null, "[".repeat(100_000) + "]".repeat(100_000)));
    String nested = "{\"a\":".repeat(50) + "1" + "}".repeat(50);
    Http.Reply accepted =
        call(
            "PUT",
            room("/send/m.room.message/nested50"),
            alice,
            "{\"msgtype\":\"m.text\",\"body\":\"fifty\",\"x\":" + nested + "}");
    assertEquals(200, accepted.status(), accepted.body());
    assertMessageKept();
    Http.Reply sync = call("GET", "/_matrix/client/v3/sync?timeout=0", alice, null);
    assertEquals(200, sync.status(), sync.body());
  }

  @Test
  void integersBeyondCanonicalJsonAreMBadJson() throws Exception {
    // https://spec.matrix.org/v1.11/appendices/#canonical-json: integers in [-(2^53)+1, 2^53-1]
    for (String number :
        new String[] {"9223372036854775808", "-9223372036854775809", "9007199254740992"}) {
      expectError(
          400,
          "M_BAD_JSON",
          call(
              "PUT",
              room("/send/m.room.message/n" + number),
              alice,
              "{\"msgtype\":\"m.text\",\"body\":\"n\",\"n\":" + number + "}"));
      expectError(
          400,
          "M_BAD_JSON",
          call(
              "PUT",
              room("/state/org.example.numbers/n" + number),
              alice,
              "{\"n\":" + number + "}"));
    }
    assertMessageKept();
  }

  @Test
  void unknownLoginTypesAreA400NotAServerFailure() throws Exception {
    // the spec's 400 for POST /login: "the login type may not be recognised"
    expectError(
        400, "M_UNKNOWN", call("POST", "/_matrix/client/v3/login", null, "{\"type\":\"fuzz\"}"));
    expectError(
        400,
        "M_UNKNOWN",
        call(
            "POST",
            "/_matrix/client/v3/login",
            null,
            "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.phone\"},\"password\":\"x\"}"));
  }

  @Test
  void malformedHeadersAndPathsAnswerTheSpecErrorBody() throws Exception {
    // RESTEasy refused these before any resource ran, with an HTML page
    Http.Reply contentType =
        Http.send(
            Http.request("/_matrix/client/v3/login")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "@@@"));
    expectJsonError(400, contentType);
    Http.Reply accept =
        Http.send(
            Http.request("/_matrix/client/v3/login")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json")
                .header("Accept", "@@@"));
    expectJsonError(400, accept);
    expectError(
        400, "M_INVALID_PARAM", call("GET", "/_matrix/client/v3/rooms/%FF%FE/state", alice, null));
    expectError(
        400,
        "M_INVALID_PARAM",
        call("GET", "/_matrix/client/v3/profile/%C0%AF/displayname", alice, null));
    // NUL is valid UTF-8, but PostgreSQL refuses it in any string parameter: a 500 there
    expectError(
        400, "M_INVALID_PARAM", call("GET", "/_matrix/client/v3/rooms/%00/messages", alice, null));
    expectError(400, "M_INVALID_PARAM", call("GET", room("/messages?dir=b&from=%00"), alice, null));
    assertMessageKept();
  }

  @Test
  void oneAliasCreatedConcurrentlyHasOneWinnerAndNoServerError() throws Exception {
    // the losers passed the service's existence check together with the winner; the unique key
    // refused them at commit, which answered 500 with an incident
    String alias = enc("#race-" + System.nanoTime() + ":localhost");
    String body = "{\"room_id\":\"" + roomId + "\"}";
    java.util.List<java.util.concurrent.CompletableFuture<Http.Reply>> racing =
        new java.util.ArrayList<>();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      for (int i = 0; i < 16; i++) {
        racing.add(
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return call("PUT", "/_matrix/client/v3/directory/room/" + alias, alice, body);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      int created = 0;
      for (var reply : racing) {
        Http.Reply answer = reply.get();
        if (answer.status() == 200) {
          created++;
        } else {
          expectError(409, "M_UNKNOWN", answer);
        }
      }
      assertEquals(1, created);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void expectJsonError(int status, Http.Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(
        "application/json", reply.header("Content-Type").split(";")[0].trim(), reply.body());
    assertEquals(true, reply.json().containsKey("errcode"), reply.body());
  }

  private void assertMessageKept() throws Exception {
    Http.Reply page = call("GET", room("/messages?dir=b&limit=1000"), alice, null);
    assertEquals(200, page.status(), page.body());
    long kept =
        page.json().getJsonArray("chunk").stream()
            .map(v -> v.asJsonObject())
            .filter(e -> "m.room.message".equals(e.getString("type")))
            .filter(e -> "keep me".equals(e.getJsonObject("content").getString("body", "")))
            .count();
    assertEquals(1, kept, page.body());
  }

  private String room(String suffix) {
    return MatrixClient.room(roomId, suffix);
  }
}
