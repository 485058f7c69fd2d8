package de.timkim.messenger.accounts;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration, login, logout, token refresh, password change and deactivation of Matrix accounts.
 */
@Stateless
public class AccountService {

  private static final String TOKEN_WITH_DEVICE =
      "SELECT t.user_id, t.device_id, t.expires_at, d.device_id, d.last_seen_ts"
          + " FROM access_token t LEFT JOIN device d"
          + " ON d.user_id = t.user_id AND d.device_id = t.device_id WHERE t.token_hash = ?1";

  private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
  static final int MIN_PASSWORD_LENGTH = 8;
  static final String ACCESS_PREFIX = "syt_";
  static final String REFRESH_PREFIX = "syr_";

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private UserInteractiveAuth uia;

  @Inject private RegistrationTokens registrationTokens;

  @Inject private RateLimiter rateLimiter;

  @Inject private DeviceActivity deviceActivity;

  @Inject private Event<DeviceRemoved> deviceRemoved;

  @Inject
  @ConfigProperty(name = "tim.matrix.access-token-lifetime-ms", defaultValue = "900000")
  long refreshableTokenLifetimeMs;

  /**
   * The server notices' sender and other names the server uses itself; nobody may register them.
   */
  @Inject private ReservedUserNames reserved;

  /** Everything a /register request may carry, already type-checked by the edge. */
  public record Registration(
      String serverName,
      String username,
      String password,
      String deviceId,
      String initialDeviceDisplayName,
      boolean inhibitLogin,
      boolean refreshToken,
      JsonObject auth) {}

  /**
   * POST /register: the registration token stage must be completed; the token is redeemed in the
   * same transaction that creates the account.
   */
  public LoginResult register(Registration r) {
    // a client may open with an empty request to learn the flows, so a missing password is only
    // an error once the stages are done (as Synapse does); a weak one is refused at once
    if (r.password() != null) {
      requireStrongPassword(r.password());
    }
    UserId userId =
        r.username() == null
            ? generatedUserId(r.serverName())
            : new UserId(r.username().toLowerCase(java.util.Locale.ROOT), r.serverName());
    if (em.find(MatrixUser.class, userId.toString()) != null
        || reserved.isReserved(userId.localpart())) {
      throw new MatrixException(ErrorCode.M_USER_IN_USE, "User ID already taken");
    }
    UiaSession session =
        uia.require(
            UserInteractiveAuth.registrationPurpose(r.serverName()),
            null,
            r.auth(),
            List.of(UserInteractiveAuth.REGISTRATION_TOKEN));
    if (r.password() == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'password'");
    }
    // hashed before the token's row is locked: the hash takes a second or more, and concurrent
    // redemptions of the token wait for that lock
    String passwordHash = PasswordHasher.hash(r.password());
    RegistrationToken redeemed =
        registrationTokens.redeem(session.registrationToken(), r.serverName());
    if (r.username() == null && redeemed.userId() != null) {
      userId = UserId.parse(redeemed.userId());
      if (em.find(MatrixUser.class, userId.toString()) != null
          || reserved.isReserved(userId.localpart())) {
        throw new MatrixException(ErrorCode.M_USER_IN_USE, "User ID already taken");
      }
    }
    if (redeemed.userId() != null && !redeemed.userId().equals(userId.toString())) {
      // a code the admin issued for one person does not create somebody else's account
      throw new MatrixException(
          ErrorCode.M_FORBIDDEN, "This registration code was issued for another user name");
    }
    MatrixUser created = new MatrixUser(userId, passwordHash, clock.millis());
    if (redeemed.displayName() != null) {
      created.setDisplayname(redeemed.displayName());
    }
    em.persist(created);
    em.remove(session);
    UserId registered = userId;
    LOG.info(() -> "Registered " + registered);
    if (r.inhibitLogin()) {
      return new LoginResult(registered, null, null, null, null);
    }
    return startSession(registered, r.deviceId(), r.initialDeviceDisplayName(), r.refreshToken());
  }

  /** GET /register/available */
  public boolean isAvailable(String serverName, String username) {
    UserId userId = new UserId(username.toLowerCase(java.util.Locale.ROOT), serverName);
    if (em.find(MatrixUser.class, userId.toString()) != null
        || reserved.isReserved(userId.localpart())) {
      throw new MatrixException(ErrorCode.M_USER_IN_USE, "User ID already taken");
    }
    return true;
  }

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
    return startSession(userId, deviceId, displayName, refreshToken);
  }

  /** Creates or reuses the device and issues tokens for it. */
  LoginResult startSession(
      UserId userId, String deviceId, String displayName, boolean refreshable) {
    String device = deviceId == null || deviceId.isBlank() ? Tokens.newDeviceId() : deviceId;
    Device existing = em.find(Device.class, new Device.Key(userId.toString(), device));
    if (existing == null) {
      em.persist(new Device(userId, device, displayName, clock.millis()));
    } else {
      // logging in again with a known device ID replaces that device's old tokens
      revokeTokens(userId, device);
      if (displayName != null) {
        existing.rename(displayName);
      }
    }
    return issueTokens(userId, device, refreshable);
  }

  private LoginResult issueTokens(UserId userId, String deviceId, boolean refreshable) {
    String access = Tokens.newSecret(ACCESS_PREFIX);
    Long expiresAt = refreshable ? clock.millis() + refreshableTokenLifetimeMs : null;
    em.persist(new AccessToken(Tokens.hash(access), userId, deviceId, clock.millis(), expiresAt));
    String refresh = null;
    if (refreshable) {
      refresh = Tokens.newSecret(REFRESH_PREFIX);
      em.persist(new RefreshToken(Tokens.hash(refresh), userId, deviceId, clock.millis()));
    }
    return new LoginResult(
        userId, deviceId, access, refresh, refreshable ? refreshableTokenLifetimeMs : null);
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
      revokeTokens(userId, stored.deviceId());
      throw new MatrixException.KeepingChanges(
          ErrorCode.M_UNKNOWN_TOKEN, 401, "Refresh token already used", java.util.Map.of());
    }
    em.createNamedQuery(AccessToken.DELETE_OF_DEVICE)
        .setParameter("userId", stored.userId())
        .setParameter("deviceId", stored.deviceId())
        .executeUpdate();
    return issueTokens(userId, stored.deviceId(), true);
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
    revokeTokens(userId, deviceId);
    Device device = em.find(Device.class, new Device.Key(userId.toString(), deviceId));
    if (device != null) {
      em.remove(device);
      deviceRemoved.fire(new DeviceRemoved(userId, deviceId));
    }
  }

  private void revokeTokens(UserId userId, String deviceId) {
    em.createNamedQuery(AccessToken.DELETE_OF_DEVICE)
        .setParameter("userId", userId.toString())
        .setParameter("deviceId", deviceId)
        .executeUpdate();
    em.createNamedQuery(RefreshToken.DELETE_OF_DEVICE)
        .setParameter("userId", userId.toString())
        .setParameter("deviceId", deviceId)
        .executeUpdate();
  }

  public Optional<MatrixUser> user(UserId userId) {
    return Optional.ofNullable(em.find(MatrixUser.class, userId.toString()));
  }

  private UserId generatedUserId(String serverName) {
    return new UserId("u" + Tokens.newDeviceId().toLowerCase(java.util.Locale.ROOT), serverName);
  }

  private static void requireStrongPassword(String password) {
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new MatrixException(
          ErrorCode.M_WEAK_PASSWORD,
          "Passwords need at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }
}
