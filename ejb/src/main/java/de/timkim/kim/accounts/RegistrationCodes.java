package de.timkim.kim.accounts;

import de.timkim.kim.accounts.KimAccountException.Reason;
import de.timkim.kim.mail.KimAddress;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.logging.Logger;

/** Issues registration codes and redeems each exactly once. */
@Stateless
public class RegistrationCodes {

  private static final Logger LOG = Logger.getLogger(RegistrationCodes.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  /**
   * A new code valid for {@code validity}; with {@code address}, it registers only that address.
   */
  public IssuedRegistrationCode issue(KimAddress address, Duration validity) {
    String referenceId = "KIM-" + random(8).toUpperCase();
    String initialPassword = random(12);
    long now = clock.millis();
    KimRegistrationCode code =
        new KimRegistrationCode(
            referenceId,
            PasswordHasher.hash(initialPassword),
            address == null ? null : address.toString(),
            now,
            validity.toMillis());
    em.persist(code);
    LOG.info(() -> "KIM registration code " + referenceId + " issued");
    return new IssuedRegistrationCode(
        referenceId, initialPassword, code.address(), code.expiresAt());
  }

  /**
   * Marks the code used for {@code address}. The row is locked, so two registrations racing with
   * the same code on two nodes cannot both succeed; a rollback of the registration leaves the code
   * unused.
   *
   * @throws KimAccountException AUTHENTICATION_FAILED for an unknown, used or expired code, a wrong
   *     initial password or an address the code is not for
   */
  public void redeem(String referenceId, String initialPassword, KimAddress address) {
    KimRegistrationCode code =
        referenceId == null
            ? null
            : em.find(KimRegistrationCode.class, referenceId, LockModeType.PESSIMISTIC_WRITE);
    long now = clock.millis();
    if (code == null
        || code.used()
        || code.expiresAt() <= now
        || initialPassword == null
        || !PasswordHasher.matches(initialPassword, code.initialPasswordHash())) {
      throw new KimAccountException(
          Reason.AUTHENTICATION_FAILED,
          "Registration code (referenceID) or initial password wrong, used or expired");
    }
    if (code.address() != null && !code.address().equals(address.toString())) {
      throw new KimAccountException(
          Reason.AUTHENTICATION_FAILED, "This registration code is for another address");
    }
    code.markUsed(address.toString(), now);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
