package de.timkim.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Services inject {@link Clock}; never System.currentTimeMillis(). */
@ApplicationScoped
public class ClockProducer {

  @Inject ClockOffset offset;

  @Produces
  Clock clock() {
    return offset.enabled() ? new MovableClock(offset) : Clock.systemUTC();
  }

  /** The system clock plus the test installation's offset, read on every call. */
  private static final class MovableClock extends Clock {

    private final ClockOffset offset;

    MovableClock(ClockOffset offset) {
      this.offset = offset;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(instant(), zone);
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + offset.offsetMs();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}
