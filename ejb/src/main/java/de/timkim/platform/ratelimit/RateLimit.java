package de.timkim.platform.ratelimit;

/**
 * A named limit: at most {@code burst} at once, then {@code perSecond}. Installations override the
 * defaults with {@code tim.rate-limit.<name>.per-second} and {@code .burst} (name in kebab case,
 * e.g. {@code tim.rate-limit.events-per-user.burst}).
 */
public enum RateLimit {
  /**
   * Wrong portal/REST admin passwords per admin user name: five, then one a minute. Checked before
   * the PBKDF2 hash, so a guessing run costs the server no CPU (security review, finding 12).
   */
  FAILED_ADMIN_PASSWORD_PER_ACCOUNT(1.0 / 60, 5),
  /** Wrong admin passwords per client address, whatever the user name: twenty, then one in 10 s. */
  FAILED_ADMIN_PASSWORD_PER_ADDRESS(0.1, 20),
  /** Failed logins per account (Synapse's rc_login.failed_attempts is 0.17/s, burst 3). */
  FAILED_LOGIN_PER_ACCOUNT(0.17, 5),
  /**
   * Wrong passwords in user-interactive authentication (password change, deactivation, deleting
   * devices, cross-signing upload) per account, as Synapse's rc_login.failed_attempts: the caller
   * holds an access token, perhaps a stolen one, and must not guess the password endlessly. A
   * bucket of its own, so such guessing does not lock the owner out of /login.
   */
  FAILED_UIA_PASSWORD_PER_ACCOUNT(0.17, 5),
  /** Login and registration attempts per client address. */
  LOGIN_PER_ADDRESS(1.0, 20),
  /**
   * Events a user sends (messages, state, redactions). Looser than Synapse's rc_message (0.2/s,
   * burst 10): clinicians paste findings in several messages, and floods are what it stops.
   */
  EVENTS_PER_USER(10.0, 100),
  /**
   * To-device requests a user sends: one request carries a key share to all recipient devices, so
   * clients send few; a flood fills every recipient device's inbox.
   */
  TO_DEVICE_PER_USER(5.0, 50),
  /** Rooms a user creates: each is several events and state rows (Synapse's rc_room_creation). */
  ROOMS_CREATED_PER_USER(0.5, 30),
  /** Display name and avatar changes: each one sends a member event into every joined room. */
  PROFILE_CHANGES_PER_USER(0.2, 10),
  /** Message searches: each scans the text of the user's rooms. */
  SEARCHES_PER_USER(0.5, 10),
  /**
   * Uploads (POST /upload, PUT /upload/{serverName}/{mediaId}) per user: each may write up to 110
   * MB to disk, so a flood of them is refused before its bytes arrive. 30 at once covers a gallery
   * shared in one go; then one every two seconds.
   */
  UPLOADS_PER_USER(0.5, 30),
  /** Wrong one-time codes per portal account: five, then one every 20 s (10^6 codes, 3 valid). */
  FAILED_SECOND_FACTOR_PER_ACCOUNT(0.05, 5),
  /**
   * Failed SMTP AUTH / POP3 PASS per KIM account and client address: five wrong passwords, then one
   * try a minute from that address, so guessing a KIM password is impractical while a guesser
   * elsewhere locks the practice out of nothing (the bucket key is address and client IP).
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
