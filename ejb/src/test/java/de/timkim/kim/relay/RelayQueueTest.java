package de.timkim.kim.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RelayQueueTest {

  @Test
  void backoffGrowsFourfoldToFourHours() {
    assertEquals(60_000L, RelayQueue.backoffMillis(1));
    assertEquals(4 * 60_000L, RelayQueue.backoffMillis(2));
    assertEquals(16 * 60_000L, RelayQueue.backoffMillis(3));
    assertEquals(64 * 60_000L, RelayQueue.backoffMillis(4));
    assertEquals(240 * 60_000L, RelayQueue.backoffMillis(5));
    assertEquals(240 * 60_000L, RelayQueue.backoffMillis(30));
  }
}
