package de.timkim.messenger.accounts;

import de.timkim.messenger.ErrorCode;
import de.timkim.messenger.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The organisation's registration tokens ("Benutzereinführungscodes"): issued by an admin, redeemed
 * by a user at first sign-in. Redeeming locks the token's row, so a one-time token makes one
 * account even when two nodes are asked at once.
 */
@Stateless
public class RegistrationTokens {

  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  /** A new token for {@code serverName}: 16 characters, one use unless said otherwise. */
  public RegistrationToken issue(String serverName, Integer usesAllowed, Long expiryTime) {
    if (usesAllowed != null && usesAllowed < 1) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "uses_allowed must be at least 1");
    }
    if (expiryTime != null && expiryTime <= clock.millis()) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "expiry_time must be in the future");
    }
    RegistrationToken issued =
        new RegistrationToken(newToken(), serverName, usesAllowed, expiryTime, clock.millis());
    em.persist(issued);
    return issued;
  }

  /**
   * A one-time token only {@code user} can register with (the portal's Benutzereinführungscode for
   * a user the admin added), valid until {@code expiryTime}.
   */
  public RegistrationToken issueFor(UserId user, String displayName, long expiryTime) {
    if (expiryTime <= clock.millis()) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "expiry_time must be in the future");
    }
    RegistrationToken issued =
        new RegistrationToken(newToken(), user, displayName, 1, expiryTime, clock.millis());
    em.persist(issued);
    return issued;
  }

  /** Open codes of a user take the display name the admin changed. */
  public void renameBoundUser(UserId user, String displayName) {
    em.createQuery("select t from RegistrationToken t where t.userId = :u", RegistrationToken.class)
        .setParameter("u", user.toString())
        .getResultList()
        .forEach(t -> t.renameBoundUser(displayName));
  }

  private static String newToken() {
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      token.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return token.toString();
  }

  public List<RegistrationToken> list(String serverName) {
    return em.createQuery(
            "select t from RegistrationToken t where t.serverName = :s order by t.createdAt",
            RegistrationToken.class)
        .setParameter("s", serverName)
        .getResultList();
  }

  /** GET /_matrix/client/v1/register/m.login.registration_token/validity */
  public boolean isValid(String token, String serverName) {
    RegistrationToken found = token == null ? null : em.find(RegistrationToken.class, token);
    // a token belongs to one messenger service: another organisation's token is no token here
    return found != null && found.serverName().equals(serverName) && found.usableAt(clock.millis());
  }

  public void requireUsable(String token, String serverName) {
    if (!isValid(token, serverName)) {
      throw new MatrixException(ErrorCode.M_UNAUTHORIZED, "Invalid registration token");
    }
  }

  /** Counts one use, under a row lock; fails if the token was used up meanwhile. */
  public RegistrationToken redeem(String token, String serverName) {
    RegistrationToken found =
        em.find(RegistrationToken.class, token, LockModeType.PESSIMISTIC_WRITE);
    if (found == null
        || !found.serverName().equals(serverName)
        || !found.usableAt(clock.millis())) {
      throw new MatrixException(ErrorCode.M_UNAUTHORIZED, "Invalid registration token");
    }
    found.complete();
    return found;
  }
}
