package de.timkim.messenger.accounts;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/** Registration of Matrix accounts (POST /register, GET /register/available). */
@Stateless
public class AccountRegistration {

  private static final Logger LOG = Logger.getLogger(AccountRegistration.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private UserInteractiveAuth uia;

  @Inject private RegistrationTokens registrationTokens;

  @Inject private DeviceSessions sessions;

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
      AccountService.requireStrongPassword(r.password());
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
    return sessions.start(registered, r.deviceId(), r.initialDeviceDisplayName(), r.refreshToken());
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

  private UserId generatedUserId(String serverName) {
    return new UserId("u" + Tokens.newDeviceId().toLowerCase(java.util.Locale.ROOT), serverName);
  }
}
