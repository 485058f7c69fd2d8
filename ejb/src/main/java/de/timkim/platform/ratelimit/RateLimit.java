package de.timkim.platform.ratelimit;

/**
 * A named limit: at most {@code burst} at once, then {@code perSecond}. Installations override the
 * defaults with {@code tim.rate-limit.<name>.per-second} and {@code .burst} (name in kebab case,
 * e.g. {@code tim.rate-limit.events-per-user.burst}).
 */
public enum RateLimit {
  /** Failed logins per account (Synapse's rc_login.failed_attempts is 0.17/s, burst 3). */
  FAILED_LOGIN_PER_ACCOUNT(0.17, 5),
  /** Login and registration attempts per client address. */
  LOGIN_PER_ADDRESS(1.0, 20),
  /**
   * Events a user sends (messages, state, redactions). Looser than Synapse's rc_message (0.2/s,
   * burst 10): clinicians paste findings in several messages, and floods are what it stops.
   */
  EVENTS_PER_USER(10.0, 100),
  /**
   * Uploads (POST /upload, PUT /upload/{serverName}/{mediaId}) per user: each may write up to 110
   * MB to disk, so a flood of them is refused before its bytes arrive. 30 at once covers a gallery
   * shared in one go; then one every two seconds.
   */
  UPLOADS_PER_USER(0.5, 30),
  /** Wrong one-time codes per portal account: five, then one every 20 s (10^6 codes, 3 valid). */
  FAILED_SECOND_FACTOR_PER_ACCOUNT(0.05, 5),
  /**
   * Failed SMTP AUTH / POP3 PASS per KIM account: five wrong passwords, then one try a minute, so
   * guessing a KIM password is impractical while a mistyped one locks nobody out for long.
   */
  KIM_FAILED_LOGIN_PER_ACCOUNT(1.0 / 60, 5);

  private final double perSecond;
  private final double burst;

  RateLimit(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  double defaultPerSecond() {
    return perSecond;
  }

  double defaultBurst() {
    return burst;
  }

  String configKey() {
    return "tim.rate-limit." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
