package de.timkim.platform.ratelimit;

/** A named limit: at most {@code burst} at once, then {@code perSecond}. */
public enum RateLimit {
  /** Failed logins per account (Synapse's rc_login.failed_attempts is 0.17/s, burst 3). */
  FAILED_LOGIN_PER_ACCOUNT(0.17, 5),
  /** Login and registration attempts per client address. */
  LOGIN_PER_ADDRESS(1.0, 20),
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

  public double perSecond() {
    return perSecond;
  }

  public double burst() {
    return burst;
  }
}
