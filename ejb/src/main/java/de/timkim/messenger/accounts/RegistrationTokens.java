package de.timkim.messenger.accounts;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PessimisticLockException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The organisation's registration tokens ("Benutzereinführungscodes"): issued by an admin, redeemed
 * by a user at first sign-in. Redeeming counts the use with one conditional update, so a one-time
 * token makes one account even when many nodes are asked at once.
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
    RegistrationToken found =
        token == null ? null : em.find(RegistrationToken.class, Tokens.hash(token));
    // a token belongs to one messenger service: another organisation's token is no token here
    return found != null && found.serverName().equals(serverName) && found.usableAt(clock.millis());
  }

  public void requireUsable(String token, String serverName) {
    if (!isValid(token, serverName)) {
      throw new MatrixException(ErrorCode.M_UNAUTHORIZED, "Invalid registration token");
    }
  }

  /**
   * Counts one use of the token with the SHA-256 {@code tokenHash} (as {@link UserInteractiveAuth}
   * keeps it in the session) in one conditional statement, so that of any number of concurrent
   * redemptions (on any node) exactly as many succeed as the token has uses left: the row lock the
   * update takes makes the others wait and then re-check the condition against the committed count.
   */
  public RegistrationToken redeem(String tokenHash, String serverName) {
    int counted;
    try {
      counted =
          tokenHash == null
              ? 0
              : em.createNativeQuery(
                      "UPDATE registration_token SET completed = completed + 1"
                          + " WHERE token = ?1 AND server_name = ?2"
                          + " AND (uses_allowed IS NULL OR completed + pending < uses_allowed)"
                          + " AND (expiry_time IS NULL OR expiry_time > ?3)")
                  .setParameter(1, tokenHash)
                  .setParameter(2, serverName)
                  .setParameter(3, clock.millis())
                  .executeUpdate();
    } catch (PessimisticLockException | LockTimeoutException busy) {
      // another redemption of the same token held the row too long: ask the client to retry
      throw MatrixException.rateLimited(1_000);
    }
    if (counted != 1) {
      throw new MatrixException(ErrorCode.M_UNAUTHORIZED, "Invalid registration token");
    }
    RegistrationToken redeemed = em.find(RegistrationToken.class, tokenHash);
    // the persistence context may hold the row as read before the update
    em.refresh(redeemed);
    return redeemed;
  }
}
