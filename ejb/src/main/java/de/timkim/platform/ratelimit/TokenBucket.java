package de.timkim.platform.ratelimit;

/**
 * The arithmetic of a token bucket: {@code burst} tokens at most, refilled at {@code perSecond}.
 *
 * @param tokens tokens left after the last update
 * @param updatedAt when they were counted (ms)
 */
public record TokenBucket(double tokens, long updatedAt) {

  /** The bucket as it is at {@code now}. */
  public TokenBucket refill(long now, double perSecond, double burst) {
    double elapsed = Math.max(0, now - updatedAt) / 1000.0;
    return new TokenBucket(Math.min(burst, tokens + elapsed * perSecond), now);
  }

  public boolean hasToken() {
    return tokens >= 1.0;
  }

  public TokenBucket take() {
    return new TokenBucket(tokens - 1.0, updatedAt);
  }

  /** Milliseconds until one token is available again. */
  public long retryAfterMs(double perSecond) {
    return hasToken() ? 0 : (long) Math.ceil((1.0 - tokens) / perSecond * 1000.0);
  }
}
