package de.timkim.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void aFullBucketAllowsTheBurstThenRefusesWithTheWaitForTheNextToken() {
    TokenBucket bucket = new TokenBucket(3, 0);
    for (int i = 0; i < 3; i++) {
      assertTrue(bucket.hasToken());
      bucket = bucket.take();
    }
    assertFalse(bucket.hasToken());
    assertEquals(2000, bucket.retryAfterMs(0.5));
  }

  @Test
  void tokensComeBackWithTimeButNeverBeyondTheBurst() {
    TokenBucket empty = new TokenBucket(0, 0);
    assertEquals(1.0, empty.refill(2000, 0.5, 3).tokens(), 1e-9);
    assertEquals(3.0, empty.refill(3_600_000, 0.5, 3).tokens(), 1e-9);
    assertEquals(0.0, empty.refill(-5, 0.5, 3).tokens(), 1e-9);
  }
}
