package de.timkim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server's test clock ({@code /_tim/v1/test-tools/clock}), moved back after each test. All test
 * classes of a pass share one deployment, so a clock left moved would break the next class (portal
 * TOTP codes, token expiry). Use as {@code @RegisterExtension final TestClock clock = new
 * TestClock();}.
 */
public final class TestClock implements AfterEachCallback {

  private long moved;

  /** Moves the server's clock by {@code by} (back when negative). */
  public void advance(Duration by) throws Exception {
    Http.Reply reply =
        Http.call(
            "POST", "/_tim/v1/test-tools/clock", null, "{\"advance_ms\":" + by.toMillis() + "}");
    assertEquals(200, reply.status(), reply.body());
    moved += by.toMillis();
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
