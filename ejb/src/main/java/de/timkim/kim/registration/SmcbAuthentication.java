package de.timkim.kim.registration;

import de.timkim.kim.accounts.AuthenticatedInstitution;
import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountException.Reason;
import de.timkim.platform.security.smcb.InstitutionIdentity;
import de.timkim.platform.security.smcb.SmcbChallenges;
import de.timkim.platform.security.smcb.SmcbRefusedException;
import de.timkim.platform.security.smcb.SmcbVerification;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SMC-B authentication of the KIM account manager: the Fachdienst issues a challenge, the client
 * signs a JWT carrying it with the SMC-B's C.HCI.AUT key through its Konnektor
 * (ExternalAuthenticate) and sends it as bearer token. The token is accepted once: signature by the
 * certificate in x5c, challenge issued here, unused and unexpired; the certificate is checked as
 * every SMC-B is ({@link SmcbVerification}: TI chain, C.HCI.AUT, admission extension, OCSP), and
 * the Telematik-ID comes from its admission extension.
 */
@Stateless
public class SmcbAuthentication {

  private static final Logger LOG = Logger.getLogger(SmcbAuthentication.class.getName());

  @Inject private Clock clock;

  /** gematik ServiceInformation jwtExpiration: 300 to 21600 seconds. */
  @Inject
  @ConfigProperty(name = "kim.accountmanager.jwt-expiration-seconds", defaultValue = "300")
  long jwtExpirationSeconds;

  @Inject SmcbChallenges challenges;

  @Inject SmcbVerification smcb;

  public long jwtExpirationSeconds() {
    return jwtExpirationSeconds;
  }

  /** A new challenge, valid for the JWT expiration time, stored so any node can redeem it. */
  public String issueChallenge() {
    return challenges
        .issue(SmcbChallenges.KIM_ACCOUNT_MANAGER, null, Duration.ofSeconds(jwtExpirationSeconds))
        .id();
  }

  /**
   * The institution whose SMC-B signed {@code bearerToken}. The challenge is spent in its own
   * transaction, so it stays spent even when the operation it authenticated is refused.
   *
   * @throws KimAccountException AUTHENTICATION_FAILED with the reason
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public AuthenticatedInstitution authenticate(String bearerToken) {
    SmcbToken token;
    try {
      token = SmcbToken.parse(bearerToken);
    } catch (IllegalArgumentException e) {
      throw failed(e.getMessage());
    }
    String nonce = token.nonce();
    long now = clock.millis();
    if (nonce == null || !challenges.spend(SmcbChallenges.KIM_ACCOUNT_MANAGER, nonce)) {
      throw failed("The token's nonce is not a challenge of this Fachdienst, or used or expired");
    }
    if (token.expiresAtSeconds() * 1000 < now) {
      throw failed("The token has expired (exp)");
    }
    if (!token.signatureValid()) {
      throw failed("The token's signature does not verify with the certificate in x5c");
    }
    InstitutionIdentity identity;
    try {
      Set<TrustAnchor> anchors = smcb.anchors();
      identity = smcb.identify(token.certificate(), token.intermediates(), anchors, new Date(now));
      // finding 18: revocation by OCSP, fail closed unless tim.smcb.ocsp=off
      smcb.requireNotRevoked(token.certificate(), token.intermediates(), anchors);
    } catch (SmcbRefusedException e) {
      throw failed(e.getMessage());
    }
    LOG.info(() -> "SMC-B authentication of Telematik-ID " + identity.telematikId());
    return new AuthenticatedInstitution(
        identity.telematikId(), token.certificate().getSubjectX500Principal().getName());
  }

  private static KimAccountException failed(String message) {
    return new KimAccountException(Reason.AUTHENTICATION_FAILED, message);
  }
}
