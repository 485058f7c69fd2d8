package de.timkim.platform.security.smcb;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The one challenge mechanism of SMC-B authentication: a fresh random challenge per attempt, kept
 * in {@code smcb_challenge} until it expires, spent at most once and only for its purpose.
 */
@Stateless
public class SmcbChallenges {

  /** The KIM account manager's JWT nonce (gematik AccountManager, ExternalAuthenticate). */
  public static final String KIM_ACCOUNT_MANAGER = "kim-account-manager";

  /** An organisation's registration with its SMC-B. */
  public static final String ORGANISATION_REGISTRATION = "organisation-registration";

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  /**
   * A new challenge of 32 random bytes, valid for {@code validity}; expired ones go on the way.
   *
   * @param subject what the challenge is bound to (checked by the caller), or null
   */
  public SmcbChallenge issue(String purpose, String subject, Duration validity) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    long now = clock.millis();
    em.createNamedQuery(SmcbChallenge.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    SmcbChallenge challenge =
        new SmcbChallenge(
            Base64.getUrlEncoder().withoutPadding().encodeToString(random),
            purpose,
            subject,
            Base64.getEncoder().encodeToString(random),
            now,
            now + validity.toMillis());
    em.persist(challenge);
    return challenge;
  }

  /** The challenge {@code id} of {@code purpose}, spent or not. */
  public Optional<SmcbChallenge> find(String purpose, String id) {
    return Optional.ofNullable(id == null ? null : em.find(SmcbChallenge.class, id))
        .filter(c -> c.purpose().equals(purpose));
  }

  /**
   * Marks the challenge answered unless it already was, has expired or is of another purpose; true
   * if it was open. Commits on its own, so it stays spent even when what it authenticated is
   * refused.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean spend(String purpose, String id) {
    return id != null
        && em.createNamedQuery(SmcbChallenge.SPEND)
                .setParameter("now", clock.millis())
                .setParameter("id", id)
                .setParameter("purpose", purpose)
                .executeUpdate()
            == 1;
  }
}
