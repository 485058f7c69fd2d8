package de.timkim.it.matrix;

import static de.timkim.it.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import de.timkim.it.TestClock;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Account security under attack: one-time registration tokens and refresh tokens used in parallel,
 * password guessing behind user-interactive authentication, user enumeration through /login's
 * timing and the profile API.
 */
@ExtendWith(ArquillianExtension.class)
class AccountSecurityIT extends DeployedEar {

  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension final TestClock clock = new TestClock();

  @Test
  void aOneTimeTokenRegistersExactlyOneAccountWhenTwentyRegistrationsRace() throws Exception {
    String token = MatrixAccounts.issueRegistrationToken();
    int racers = 20;
    // the first step (UIA challenge) of each registration first, so the redeeming steps race
    List<String> usernames = new ArrayList<>();
    List<String> secondSteps = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      String username = "race-" + Long.toString(System.nanoTime(), 36) + "-" + i;
      JsonObject first =
          Json.createObjectBuilder().add("username", username).add("password", PASSWORD).build();
      Http.Reply challenge =
          Http.call("POST", "/_matrix/client/v3/register", null, first.toString());
      assertEquals(401, challenge.status(), challenge.body());
      usernames.add(username);
      secondSteps.add(
          Json.createObjectBuilder(first)
              .add(
                  "auth",
                  Json.createObjectBuilder()
                      .add("type", "m.login.registration_token")
                      .add("token", token)
                      .add("session", challenge.json().getString("session")))
              .build()
              .toString());
    }

    List<Http.Reply> replies =
        race(
            secondSteps.stream()
                .<Callable<Http.Reply>>map(
                    body -> () -> Http.call("POST", "/_matrix/client/v3/register", null, body))
                .toList());

    long created = replies.stream().filter(r -> r.status() == 200).count();
    assertEquals(1, created, "exactly one registration succeeds: " + statuses(replies));
    for (Http.Reply reply : replies) {
      // 401: the token is used up; 429: its row was busy too long (H2's 2 s lock timeout)
      assertTrue(
          reply.status() == 200 || reply.status() == 401 || reply.status() == 429,
          "the others are refused, never a server error: " + reply.status() + " " + reply.body());
    }
    int accounts = 0;
    for (String username : usernames) {
      Http.Reply available =
          Http.get("/_matrix/client/v3/register/available?username=" + enc(username));
      if (available.status() != 200) {
        assertEquals("M_USER_IN_USE", available.json().getString("errcode"), available.body());
        accounts++;
      }
    }
    assertEquals(1, accounts, "exactly one account exists");
  }

  @Test
  void tenParallelRefreshesWithOneTokenLetExactlyOneSucceed() throws Exception {
    Account account = MatrixAccounts.register("refresh-race");
    Http.Reply login = login(localpart(account), PASSWORD, true);
    assertEquals(200, login.status(), login.body());
    String refreshToken = login.json().getString("refresh_token");
    String body = Json.createObjectBuilder().add("refresh_token", refreshToken).build().toString();

    List<Callable<Http.Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(() -> Http.call("POST", "/_matrix/client/v3/refresh", null, body));
    }
    List<Http.Reply> replies = race(calls);

    assertEquals(
        1,
        replies.stream().filter(r -> r.status() == 200).count(),
        "one refresh wins: " + statuses(replies));
    for (Http.Reply reply : replies) {
      if (reply.status() != 200) {
        assertEquals(401, reply.status(), reply.body());
        assertEquals("M_UNKNOWN_TOKEN", reply.json().getString("errcode"), reply.body());
      }
    }
  }

  @Test
  void wrongPasswordsInUserInteractiveAuthAreRateLimitedPerUser() throws Exception {
    Account account = MatrixAccounts.register("uia-guess");
    Http.Reply limited = null;
    for (int attempt = 0; attempt < 10 && limited == null; attempt++) {
      Http.Reply reply =
          MatrixAccounts.call(
              "POST",
              "/_matrix/client/v3/delete_devices",
              account,
              "{\"devices\":[\"NOSUCHDEVICE\"],\"auth\":"
                  + passwordAuth(account, "wrong guess " + attempt)
                  + "}");
      if (reply.status() == 429) {
        limited = reply;
      } else {
        assertEquals(401, reply.status(), reply.body());
        assertEquals("M_FORBIDDEN", reply.json().getString("errcode"), reply.body());
      }
    }
    assertTrue(limited != null, "guessing is stopped");
    assertEquals("M_LIMIT_EXCEEDED", limited.json().getString("errcode"), limited.body());
    assertTrue(limited.json().getJsonNumber("retry_after_ms").longValue() > 0, limited.body());

    // the right password does not get through the limit either: it is the guesser's next try
    Http.Reply right =
        MatrixAccounts.call(
            "POST",
            "/_matrix/client/v3/account/password",
            account,
            "{\"new_password\":\"another long password\",\"auth\":"
                + passwordAuth(account, PASSWORD)
                + "}");
    assertEquals(429, right.status(), right.body());
    // the owner's /login is a bucket of its own
    assertEquals(200, login(localpart(account), PASSWORD, false).status());
  }

  @Test
  void loginAnswersAsSlowlyForUnknownUsersAsForWrongPasswords() throws Exception {
    Account account = MatrixAccounts.register("timing");
    long[] existing = new long[3];
    long[] unknown = new long[3];
    for (int i = 0; i < 3; i++) {
      existing[i] = timedFailedLogin(localpart(account));
      unknown[i] = timedFailedLogin("nobody-" + Long.toString(System.nanoTime(), 36));
    }
    Arrays.sort(existing);
    Arrays.sort(unknown);
    // the same password hashing on both paths: an unknown user is not several times faster
    assertTrue(
        unknown[1] * 2 >= existing[1],
        "median ms, unknown user "
            + unknown[1]
            + " vs existing user "
            + existing[1]
            + ": "
            + Arrays.toString(unknown)
            + " "
            + Arrays.toString(existing));
  }

  @Test
  void profilesNeedAnAccessToken() throws Exception {
    Account account = MatrixAccounts.register("profile-lookup");
    for (String suffix : List.of("", "/displayname", "/avatar_url")) {
      String path = "/_matrix/client/v3/profile/" + enc(account.userId()) + suffix;
      Http.Reply anonymous = Http.call("GET", path, null, null);
      assertEquals(401, anonymous.status(), path + " " + anonymous.body());
      assertEquals("M_MISSING_TOKEN", anonymous.json().getString("errcode"));
    }
    Http.Reply own =
        MatrixAccounts.call(
            "GET", "/_matrix/client/v3/profile/" + enc(account.userId()), account, null);
    assertEquals(200, own.status(), own.body());
  }

  @Test
  void theServerNoticesNameCannotBeRegistered() throws Exception {
    Http.Reply available = Http.get("/_matrix/client/v3/register/available?username=notices");
    assertEquals(400, available.status(), available.body());
    assertEquals("M_USER_IN_USE", available.json().getString("errcode"));
  }

  @Test
  void expiredUserInteractiveAuthSessionsArePurged() throws Exception {
    Http.Reply opened = Http.call("POST", "/_matrix/client/v3/register", null, "{}");
    assertEquals(401, opened.status(), opened.body());
    String session = opened.json().getString("session");
    String continued =
        "{\"auth\":{\"type\":\"m.login.registration_token\",\"token\":\"NOSUCHTOKEN\","
            + "\"session\":\""
            + session
            + "\"}}";
    clock.advance(Duration.ofMinutes(31));
    // expired but not yet purged, the server refuses it (403); the purge job runs once a minute,
    // and a purged session is unknown, so a new one is opened (401 with a new session ID)
    long deadline = System.currentTimeMillis() + 150_000;
    Http.Reply reply = Http.call("POST", "/_matrix/client/v3/register", null, continued);
    while (reply.status() == 403 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5_000);
      reply = Http.call("POST", "/_matrix/client/v3/register", null, continued);
    }
    assertEquals(401, reply.status(), "the expired session is gone: " + reply.body());
    assertTrue(!session.equals(reply.json().getString("session")), reply.body());
  }

  @Test
  void creatingRoomsIsRateLimitedPerUser() throws Exception {
    Account account = MatrixAccounts.register("room-flood");
    assertLimitedWithin(
        100, () -> MatrixAccounts.call("POST", "/_matrix/client/v3/createRoom", account, "{}"));
  }

  @Test
  void profileChangesAreRateLimitedPerUser() throws Exception {
    Account account = MatrixAccounts.register("profile-flood");
    String path = "/_matrix/client/v3/profile/" + enc(account.userId()) + "/displayname";
    int[] n = {0};
    assertLimitedWithin(
        20,
        () ->
            MatrixAccounts.call(
                "PUT", path, account, "{\"displayname\":\"Name " + (n[0]++) + "\"}"));
  }

  @Test
  void searchesAreRateLimitedPerUser() throws Exception {
    Account account = MatrixAccounts.register("search-flood");
    String body = "{\"search_categories\":{\"room_events\":{\"search_term\":\"kalium\"}}}";
    assertLimitedWithin(
        20, () -> MatrixAccounts.call("POST", "/_matrix/client/v3/search", account, body));
  }

  @Test
  void toDeviceMessagesAreRateLimitedPerUser() throws Exception {
    Account account = MatrixAccounts.register("to-device-flood");
    String body =
        "{\"messages\":{\""
            + account.userId()
            + "\":{\""
            + account.deviceId()
            + "\":{\"note\":\"x\"}}}}";
    int[] txn = {0};
    assertLimitedWithin(
        500,
        () ->
            MatrixAccounts.call(
                "PUT",
                "/_matrix/client/v3/sendToDevice/m.test.flood/t" + (txn[0]++),
                account,
                body));
  }

  /** Calls until the server answers 429 M_LIMIT_EXCEEDED, at most {@code calls} times. */
  private static void assertLimitedWithin(int calls, Callable<Http.Reply> call) throws Exception {
    for (int i = 0; i < calls; i++) {
      Http.Reply reply = call.call();
      if (reply.status() == 429) {
        assertEquals("M_LIMIT_EXCEEDED", reply.json().getString("errcode"), reply.body());
        assertTrue(reply.json().getJsonNumber("retry_after_ms").longValue() > 0, reply.body());
        assertTrue(i > 0, "the first call goes through");
        return;
      }
      assertEquals(200, reply.status(), reply.body());
    }
    throw new AssertionError("no limit within " + calls + " calls");
  }

  private static long timedFailedLogin(String user) throws Exception {
    long start = System.nanoTime();
    Http.Reply reply = login(user, "not the password", false);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(403, reply.status(), reply.body());
    return ms;
  }

  private static Http.Reply login(String user, String password, boolean refreshToken)
      throws Exception {
    JsonObject body =
        Json.createObjectBuilder()
            .add("type", "m.login.password")
            .add(
                "identifier", Json.createObjectBuilder().add("type", "m.id.user").add("user", user))
            .add("password", password)
            .add("refresh_token", refreshToken)
            .build();
    return Http.call("POST", "/_matrix/client/v3/login", null, body.toString());
  }

  private static String passwordAuth(Account account, String password) {
    return Json.createObjectBuilder()
        .add("type", "m.login.password")
        .add(
            "identifier",
            Json.createObjectBuilder().add("type", "m.id.user").add("user", account.userId()))
        .add("password", password)
        .build()
        .toString();
  }

  /** Starts all calls at once (as far as threads allow) and returns their replies in order. */
  private static List<Http.Reply> race(List<Callable<Http.Reply>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Http.Reply>> futures = new ArrayList<>();
      for (Callable<Http.Reply> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<Http.Reply> replies = new ArrayList<>();
      for (Future<Http.Reply> future : futures) {
        replies.add(future.get());
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String statuses(List<Http.Reply> replies) {
    return replies.stream().map(r -> r.status() + " " + r.body()).toList().toString();
  }

  private static String localpart(Account account) {
    return account.userId().substring(1, account.userId().indexOf(':'));
  }
}
