package de.timkim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server's test clock ({@code /_tim/v1/test-tools/clock}), moved back after each test. All test
 * classes of a pass share one deployment, so a clock left moved would break the next class (portal
 * TOTP codes, token expiry). Use as {@code @RegisterExtension final TestClock clock = new
 * TestClock();}.
 */
public final class TestClock implements AfterEachCallback {

  /** How far all TestClocks together have moved the server's clock (one server per test JVM). */
  private static final AtomicLong SERVER_OFFSET_MS = new AtomicLong();

  private long moved;

  /** The server's time as its clock shows it now: what a one-time code must be computed for. */
  public static long serverMillis() {
    return System.currentTimeMillis() + SERVER_OFFSET_MS.get();
  }

  /** Moves the server's clock by {@code by} (back when negative). */
  public void advance(Duration by) throws Exception {
    // the test tools serve only the operator (security review, finding 25)
    Http.Reply reply =
        Http.send(
            Http.request("/_tim/v1/test-tools/clock")
                .header("Content-Type", "application/json")
                .header("Authorization", MatrixAccounts.operatorAuthorization())
                .header("X-TIM-OTP", MatrixAccounts.operatorOneTimeCode())
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"advance_ms\":" + by.toMillis() + "}")));
    assertEquals(200, reply.status(), reply.body());
    moved += by.toMillis();
    SERVER_OFFSET_MS.addAndGet(by.toMillis());
  }

  /** Moves the clock back to where the test found it. */
  public void reset() throws Exception {
    if (moved != 0) {
      advance(Duration.ofMillis(-moved));
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    reset();
  }
}
