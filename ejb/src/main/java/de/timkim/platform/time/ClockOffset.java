package de.timkim.platform.time;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How far a test installation has moved this node's clock, so retention and expiry can be tested
 * without waiting months. Only with {@code tim.test-tools.enabled}; production clocks never move.
 * Per node on purpose: tests move the clock of the node they talk to.
 */
@ApplicationScoped
public class ClockOffset {

  @Inject
  @ConfigProperty(name = "tim.test-tools.enabled", defaultValue = "false")
  boolean enabled;

  private final AtomicLong offsetMs = new AtomicLong();

  boolean enabled() {
    return enabled;
  }

  long offsetMs() {
    return offsetMs.get();
  }

  /** Moves the clock by {@code ms} (back when negative); returns the total offset. */
  public long advance(long ms) {
    if (!enabled) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Test tools are disabled on this server");
    }
    return offsetMs.addAndGet(ms);
  }
}
