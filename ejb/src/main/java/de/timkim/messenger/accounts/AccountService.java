package de.timkim.messenger.accounts;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Login, logout, token refresh, devices, password change and deactivation of Matrix accounts;
 * {@link AccountRegistration} creates them.
 */
@Stateless
public class AccountService {

  private static final String TOKEN_WITH_DEVICE =
      "SELECT t.user_id, t.device_id, t.expires_at, d.device_id, d.last_seen_ts"
          + " FROM access_token t LEFT JOIN device d"
          + " ON d.user_id = t.user_id AND d.device_id = t.device_id WHERE t.token_hash = ?1";

  private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
  static final int MIN_PASSWORD_LENGTH = 8;

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private UserInteractiveAuth uia;

  @Inject private DeviceSessions sessions;

  @Inject private RateLimiter rateLimiter;

  @Inject private DeviceActivity deviceActivity;

  /**
   * POST /login with m.login.password; the same answer for unknown users and wrong passwords.
   * Attempts are rate limited per client address, failures per account (cluster-wide).
   */
  public LoginResult login(
      String serverName,
      String user,
      String password,
      String deviceId,
      String displayName,
      boolean refreshToken,
      String clientAddress) {
    rateLimiter.spend(RateLimit.LOGIN_PER_ADDRESS, clientAddress);
    UserId userId;
    try {
      userId = UserId.fromLogin(user, serverName);
    } catch (MatrixException invalid) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Invalid username or password");
    }
    rateLimiter.check(RateLimit.FAILED_LOGIN_PER_ACCOUNT, userId.toString());
    MatrixUser account = em.find(MatrixUser.class, userId.toString());
    String hash = account == null ? null : account.passwordHash();
    if (!PasswordHasher.matches(password, hash)) {
      rateLimiter.record(RateLimit.FAILED_LOGIN_PER_ACCOUNT, userId.toString());
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Invalid username or password");
    }
    if (account.deactivated()) {
      throw new MatrixException(ErrorCode.M_USER_DEACTIVATED, "This account has been deactivated");
    }
    return sessions.start(userId, deviceId, displayName, refreshToken);
  }

  /**
   * POST /refresh: a refresh token is good once; using it again logs the device out (theft).
   *
   * <p>Marking it used is one conditional update, so of concurrent refreshes with one token exactly
   * one wins (the row lock makes the others wait and re-check {@code used_at}); the others see a
   * used token and answer 401 M_UNKNOWN_TOKEN.
   */
  public LoginResult refresh(String refreshToken) {
    String tokenHash = refreshToken == null ? null : Tokens.hash(refreshToken);
    RefreshToken stored = tokenHash == null ? null : em.find(RefreshToken.class, tokenHash);
    if (stored == null) {
      throw new MatrixException(ErrorCode.M_UNKNOWN_TOKEN, "Unknown refresh token");
    }
    UserId userId = UserId.parse(stored.userId());
    int claimed;
    try {
      // refreshes of one device take turns on its row: the losers of a race then revoke one after
      // the other, where deleting the same token rows in different orders deadlocked (500)
      em.find(
          Device.class,
          new Device.Key(stored.userId(), stored.deviceId()),
          LockModeType.PESSIMISTIC_WRITE);
      claimed =
          em.createNamedQuery(RefreshToken.MARK_USED)
              .setParameter("hash", tokenHash)
              .setParameter("at", clock.millis())
              .executeUpdate();
    } catch (jakarta.persistence.PessimisticLockException
        | jakarta.persistence.LockTimeoutException busy) {
      // another refresh of this device held its row too long: that one wins
      throw new MatrixException(ErrorCode.M_UNKNOWN_TOKEN, "Refresh token already used");
    }
    if (claimed != 1) {
      sessions.revokeTokens(userId, stored.deviceId());
      throw new MatrixException.KeepingChanges(
          ErrorCode.M_UNKNOWN_TOKEN, 401, "Refresh token already used", java.util.Map.of());
    }
    em.createNamedQuery(AccessToken.DELETE_OF_DEVICE)
        .setParameter("userId", stored.userId())
        .setParameter("deviceId", stored.deviceId())
        .executeUpdate();
    return sessions.issueTokens(userId, stored.deviceId(), true);
  }

  /**
   * The requester behind an access token. Expired tokens answer M_UNKNOWN_TOKEN with soft_logout,
   * so clients refresh instead of throwing the session away.
   */
  // every request passes here: one read needs no transaction, whose begin and commit cost more
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Requester authenticate(String accessToken, String remoteIp) {
    // one round trip on every request: the token with its device's last-seen time
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        accessToken == null
            ? List.of()
            : em.createNativeQuery(TOKEN_WITH_DEVICE)
                .setParameter(1, Tokens.hash(accessToken))
                .getResultList();
    if (rows.isEmpty()) {
      throw new MatrixException(ErrorCode.M_UNKNOWN_TOKEN, "Unknown access token");
    }
    Object[] token = rows.get(0);
    String userId = (String) token[0];
    String deviceId = (String) token[1];
    long now = clock.millis();
    if (token[2] != null && ((Number) token[2]).longValue() <= now) {
      throw new MatrixException(
          ErrorCode.M_UNKNOWN_TOKEN,
          401,
          "Access token has expired",
          java.util.Map.of("soft_logout", true));
    }
    boolean deviceExists = token[3] != null;
    if (deviceExists && (token[4] == null || now - ((Number) token[4]).longValue() > 60_000)) {
      deviceActivity.seen(userId, deviceId, now, remoteIp);
    }
    return new Requester(UserId.parse(userId), deviceId);
  }

  /** POST /logout: this device's tokens and the device itself go. */
  public void logout(Requester requester) {
    removeDevice(requester.userId(), requester.deviceId());
  }

  /** POST /logout/all */
  public void logoutAll(Requester requester) {
    for (Device device : devices(requester.userId())) {
      removeDevice(requester.userId(), device.deviceId());
    }
  }

  /** POST /account/password; other devices are logged out unless the client says not to. */
  public void changePassword(
      Requester requester, String newPassword, boolean logoutDevices, JsonObject auth) {
    requireStrongPassword(newPassword);
    uia.require("password", requester.userId(), auth, List.of(UserInteractiveAuth.PASSWORD));
    MatrixUser user = em.find(MatrixUser.class, requester.userId().toString());
    user.changePassword(PasswordHasher.hash(newPassword));
    if (logoutDevices) {
      for (Device device : devices(requester.userId())) {
        if (!device.deviceId().equals(requester.deviceId())) {
          removeDevice(requester.userId(), device.deviceId());
        }
      }
    }
  }

  /** POST /account/deactivate: the account can no longer log in; all devices are logged out. */
  public void deactivate(Requester requester, JsonObject auth) {
    uia.require("deactivate", requester.userId(), auth, List.of(UserInteractiveAuth.PASSWORD));
    em.find(MatrixUser.class, requester.userId().toString()).deactivate();
    for (Device device : devices(requester.userId())) {
      removeDevice(requester.userId(), device.deviceId());
    }
    LOG.info(() -> "Deactivated " + requester.userId());
  }

  /** For admins (portal): the account can no longer log in; all its devices are logged out. */
  public void deactivateByAdmin(UserId userId) {
    MatrixUser user = em.find(MatrixUser.class, userId.toString());
    if (user == null || user.deactivated()) {
      return;
    }
    user.deactivate();
    for (Device device : devices(userId)) {
      removeDevice(userId, device.deviceId());
    }
    LOG.info(() -> "Admin deactivated " + userId);
  }

  /** The server name's accounts, by user ID. */
  public List<MatrixUser> usersOf(String serverName) {
    return em.createQuery(
            "select u from MatrixUser u where u.serverName = :s order by u.userId",
            MatrixUser.class)
        .setParameter("s", serverName)
        .getResultList();
  }

  public List<Device> devices(UserId userId) {
    return em.createNamedQuery(Device.OF_USER, Device.class)
        .setParameter("userId", userId.toString())
        .getResultList();
  }

  public Optional<Device> device(UserId userId, String deviceId) {
    return Optional.ofNullable(em.find(Device.class, new Device.Key(userId.toString(), deviceId)));
  }

  /** GET /devices */
  public List<DeviceSummary> deviceSummaries(UserId userId) {
    return devices(userId).stream().map(DeviceSummary::of).toList();
  }

  /** GET /devices/{deviceId} */
  public Optional<DeviceSummary> deviceSummary(UserId userId, String deviceId) {
    return device(userId, deviceId).map(DeviceSummary::of);
  }

  /** PUT /devices/{deviceId} */
  public void renameDevice(Requester requester, String deviceId, String displayName) {
    Device device =
        device(requester.userId(), deviceId)
            .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown device"));
    device.rename(displayName);
  }

  /** DELETE /devices/{deviceId} and POST /delete_devices, behind the user's password. */
  public void deleteDevices(Requester requester, List<String> deviceIds, JsonObject auth) {
    uia.require("delete_devices", requester.userId(), auth, List.of(UserInteractiveAuth.PASSWORD));
    for (String deviceId : deviceIds) {
      removeDevice(requester.userId(), deviceId);
    }
  }

  /** For admins (portal): log one device out without the user's password. */
  public void removeDevice(UserId userId, String deviceId) {
    sessions.remove(userId, deviceId);
  }

  public Optional<MatrixUser> user(UserId userId) {
    return Optional.ofNullable(em.find(MatrixUser.class, userId.toString()));
  }

  static void requireStrongPassword(String password) {
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new MatrixException(
          ErrorCode.M_WEAK_PASSWORD,
          "Passwords need at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }
}
