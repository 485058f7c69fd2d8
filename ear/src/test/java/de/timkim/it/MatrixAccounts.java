package de.timkim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.admin.PortalBrowser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Matrix accounts for integration tests, made the way a client makes them: the portal admin issues
 * a registration token, then the two-step {@code POST /_matrix/client/v3/register} (UIA
 * m.login.registration_token) registers and logs in.
 */
public final class MatrixAccounts {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Every registered account's password. */
  public static final String PASSWORD = "correct horse battery";

  private MatrixAccounts() {}

  /** A logged-in user. */
  public record Account(String userId, String deviceId, String accessToken) {
    public String authorization() {
      return "Bearer " + accessToken;
    }
  }

  /** A Client-Server API call as {@code account} (null: unauthenticated). */
  public static Http.Reply call(String method, String path, Account account, String body)
      throws IOException, InterruptedException {
    return Http.call(method, path, account == null ? null : account.authorization(), body);
  }

  /** Registers a new user whose name starts with {@code prefix} and returns its session. */
  public static Account register(String prefix) throws IOException, InterruptedException {
    return registerAt(prefix, null);
  }

  /** Registers a new user on the server name {@code host} addresses (null: the default one). */
  public static Account registerAt(String prefix, String host)
      throws IOException, InterruptedException {
    Http.Reply registered = registerReply(prefix, registrationToken(host).getString("token"), host);
    assertEquals(200, registered.status(), registered.body());
    JsonObject json = registered.json();
    return new Account(
        json.getString("user_id"), json.getString("device_id"), json.getString("access_token"));
  }

  /**
   * A new session of {@code account}'s user ({@code POST /_matrix/client/v3/login} with the
   * password), on the device {@code deviceId} (null: a new one the server names).
   */
  public static Account login(Account account, String deviceId)
      throws IOException, InterruptedException {
    JsonObjectBuilder login =
        Json.createObjectBuilder()
            .add("type", "m.login.password")
            .add(
                "identifier",
                Json.createObjectBuilder().add("type", "m.id.user").add("user", account.userId()))
            .add("password", PASSWORD);
    if (deviceId != null) {
      login.add("device_id", deviceId);
    }
    Http.Reply reply =
        Http.call("POST", "/_matrix/client/v3/login", null, login.build().toString());
    assertEquals(200, reply.status(), reply.body());
    JsonObject json = reply.json();
    return new Account(
        account.userId(), json.getString("device_id"), json.getString("access_token"));
  }

  /**
   * The two-step registration with {@code token}, addressed to {@code host} (null: the server's
   * default name); returns the second step's reply, whatever it is.
   */
  public static Http.Reply registerReply(String prefix, String token, String host)
      throws IOException, InterruptedException {
    String username =
        prefix + "-" + Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
    String password = PASSWORD;
    JsonObject first =
        Json.createObjectBuilder().add("username", username).add("password", password).build();
    Http.Reply challenge =
        Http.call("POST", "/_matrix/client/v3/register", null, first.toString(), host);
    assertEquals(401, challenge.status(), challenge.body());
    String session = challenge.json().getString("session");
    JsonObject second =
        Json.createObjectBuilder(first)
            .add(
                "auth",
                Json.createObjectBuilder()
                    .add("type", "m.login.registration_token")
                    .add("token", token)
                    .add("session", session))
            .build();
    return Http.call("POST", "/_matrix/client/v3/register", null, second.toString(), host);
  }

  /** A one-time registration token, issued with the portal's initial admin credentials. */
  public static String issueRegistrationToken() throws IOException, InterruptedException {
    return registrationToken(null).getString("token");
  }

  /**
   * Issues a token for the server name {@code host} addresses and returns it as the API shows it.
   */
  public static JsonObject registrationToken(String host) throws IOException, InterruptedException {
    Http.Reply reply = asAdmin("POST", "/_tim/v1/admin/registration_tokens", "{}", host);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /**
   * An operations API call as the portal's initial admin (HTTP Basic plus the current one-time
   * code), addressed to the server name {@code host} (null: the default one).
   */
  public static Http.Reply asAdmin(String method, String path, String body, String host)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = Http.jsonRequest(URI.create(Http.BASE + path), method, body);
    asOperator(request);
    if (host != null) {
      request.header("Host", host);
    }
    return Http.send(request);
  }

  /** {@code request} with the operator's credentials (HTTP Basic and the current one-time code). */
  public static HttpRequest.Builder asOperator(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return request
        .header("Authorization", operatorAuthorization())
        .header("X-TIM-OTP", operatorOneTimeCode());
  }

  /** HTTP Basic of the operator's initial portal account {@code admin}. */
  public static String operatorAuthorization() throws IOException {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The operator's current one-time code. The REST API refuses accounts without a second factor, so
   * the first call enrols {@code admin}'s TOTP through the portal, as an operator does once after
   * installing; the secret is kept for the rest of the pass (one server per test JVM).
   */
  public static String operatorOneTimeCode() throws IOException, InterruptedException {
    return PortalBrowser.totp(operatorTotpSecret(), TestClock.serverMillis());
  }

  /** The operator's TOTP secret (enrolled on first use), e.g. for node and Python scenarios. */
  public static synchronized String operatorTotpSecret() throws IOException, InterruptedException {
    if (operatorTotpSecret == null) {
      operatorTotpSecret = new PortalBrowser("en").signIn("admin", adminPassword(), null);
    }
    return operatorTotpSecret;
  }

  private static String operatorTotpSecret;

  /** The portal admin's first password, which the server writes to its data directory. */
  public static String adminPassword() throws IOException {
    return Files.readString(
            Path.of(System.getProperty("it.server.base"), "data", "tim", "initial-admin-password"))
        .trim();
  }
}
