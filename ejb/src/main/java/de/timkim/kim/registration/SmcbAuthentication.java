package de.timkim.kim.registration;

import de.timkim.kim.accounts.AuthenticatedInstitution;
import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountException.Reason;
import de.timkim.platform.security.SmcbCertificateChecks;
import de.timkim.platform.security.SmcbOcspCheck;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SMC-B authentication of the KIM account manager: the Fachdienst issues a challenge, the client
 * signs a JWT carrying it with the SMC-B's C.HCI.AUT key through its Konnektor
 * (ExternalAuthenticate) and sends it as bearer token. The token is accepted once: signature by the
 * certificate in x5c, certificate valid now and chaining to a trust anchor of the TI PKI, challenge
 * issued here, unused and unexpired. The Telematik-ID comes from the certificate's admission
 * extension.
 */
@Stateless
public class SmcbAuthentication {

  private static final Logger LOG = Logger.getLogger(SmcbAuthentication.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Resource private SessionContext self;

  /** gematik ServiceInformation jwtExpiration: 300 to 21600 seconds. */
  @Inject
  @ConfigProperty(name = "kim.accountmanager.jwt-expiration-seconds", defaultValue = "300")
  long jwtExpirationSeconds;

  @Inject
  @ConfigProperty(name = "kim.accountmanager.trust-anchors")
  Optional<String> trustAnchorsPath;

  @Inject SmcbOcspCheck ocsp;

  private Set<TrustAnchor> anchors;

  @PostConstruct
  void loadTrustAnchors() {
    // the software Konnektor's test root when nothing is configured: the TI test PKI of this
    // installation, the same root its VerifyDocument trusts
    Path path =
        trustAnchorsPath
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(
                        System.getProperty("jboss.server.data.dir", "."),
                        "tim",
                        "konnektor",
                        "root-ca.pem"));
    Set<TrustAnchor> loaded = new HashSet<>();
    boolean defaulted = trustAnchorsPath.filter(s -> !s.isBlank()).isEmpty();
    if (defaulted && !SmcbCertificateChecks.testRootMayBeDefault()) {
      // a real Konnektor and no configured TI anchors: fail closed (finding 18)
      LOG.warning("No kim.accountmanager.trust-anchors configured: SMC-B registration refused");
    } else if (Files.isReadable(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        for (var certificate :
            CertificateFactory.getInstance("X.509", SmcbToken.provider())
                .generateCertificates(in)) {
          loaded.add(new TrustAnchor((X509Certificate) certificate, null));
        }
      } catch (IOException | GeneralSecurityException e) {
        LOG.warning(() -> "Cannot read the KIM trust anchors " + path + ": " + e);
      }
    } else {
      LOG.fine(() -> "No KIM trust anchors at " + path + " yet");
    }
    anchors = loaded;
  }

  public long jwtExpirationSeconds() {
    return jwtExpirationSeconds;
  }

  /** A new challenge, valid for the JWT expiration time, stored so any node can redeem it. */
  public String issueChallenge() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    long now = clock.millis();
    em.createNamedQuery("SmcbChallenge.deleteExpired").setParameter("now", now).executeUpdate();
    em.persist(new SmcbChallenge(challenge, now + jwtExpirationSeconds * 1000));
    return challenge;
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
    if (nonce == null || !self.getBusinessObject(SmcbAuthentication.class).spend(nonce)) {
      throw failed("The token's nonce is not a challenge of this Fachdienst, or used or expired");
    }
    if (token.expiresAtSeconds() * 1000 < now) {
      throw failed("The token has expired (exp)");
    }
    if (!token.signatureValid()) {
      throw failed("The token's signature does not verify with the certificate in x5c");
    }
    String problem = chainProblem(token.certificate(), token.intermediates(), new Date(now));
    if (problem != null) {
      throw failed(problem);
    }
    if (!SmcbCertificateChecks.isSmcbAuthentication(token.certificate())) {
      throw failed(
          "The certificate is not an SMC-B authentication certificate (certificate policy"
              + " C.HCI.AUT, "
              + SmcbCertificateChecks.OID_SMC_B_AUT
              + ")");
    }
    String telematikId = SmcbToken.telematikId(token.certificate());
    if (telematikId == null) {
      throw failed("The certificate has no Telematik-ID (admission extension)");
    }
    List<X509Certificate> issuers = new ArrayList<>(token.intermediates());
    anchors.forEach(a -> issuers.add(a.getTrustedCert()));
    try {
      // finding 18: revocation by OCSP, fail closed unless tim.smcb.ocsp=off
      ocsp.requireNotRevoked(
          token.certificate(), SmcbOcspCheck.issuerOf(token.certificate(), issuers));
    } catch (SmcbOcspCheck.RevocationRefused e) {
      throw failed(e.getMessage());
    }
    LOG.info(() -> "SMC-B authentication of Telematik-ID " + telematikId);
    return new AuthenticatedInstitution(
        telematikId, token.certificate().getSubjectX500Principal().getName());
  }

  /** Deletes the challenge if it is still valid; true if it was. Commits on its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean spend(String challenge) {
    return em.createNamedQuery("SmcbChallenge.redeem")
            .setParameter("challenge", challenge)
            .setParameter("now", clock.millis())
            .executeUpdate()
        == 1;
  }

  private String chainProblem(
      X509Certificate certificate, List<X509Certificate> intermediates, Date at) {
    if (anchors.isEmpty()) {
      loadTrustAnchors();
    }
    try {
      List<X509Certificate> path = new ArrayList<>();
      path.add(certificate);
      for (X509Certificate intermediate : intermediates) {
        if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(intermediate))) {
          path.add(intermediate);
        }
      }
      var parameters = new PKIXParameters(anchors);
      // revocation: by OCSP afterwards (SmcbOcspCheck), not by the PKIX validator's own fetching
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      CertPathValidator.getInstance("PKIX", SmcbToken.provider())
          .validate(
              CertificateFactory.getInstance("X.509", SmcbToken.provider()).generateCertPath(path),
              parameters);
      return null;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "The certificate does not chain to a trust anchor of the TI PKI: " + e.getMessage();
    }
  }

  private static KimAccountException failed(String message) {
    return new KimAccountException(Reason.AUTHENTICATION_FAILED, message);
  }
}
