package de.timkim.platform.konnektor;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.PinState;
import de.timkim.connector.PinType;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Card operations through the Konnektor resource adapter for operators of test installations:
 * issuing software test cards (the issue's admin action) and signing, verifying, encrypting and
 * decrypting with a card, e.g. to produce test messages or to check a new Konnektor before it
 * becomes the default. They would be a signing oracle on a production node, so every method refuses
 * unless {@code tim.konnektor.test-tools.enabled} is true.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KonnektorTestTools {

  private static final Logger LOG = Logger.getLogger(KonnektorTestTools.class.getName());

  @Resource(lookup = "java:/eis/Konnektor")
  private KonnektorConnectionFactory konnektor;

  @Inject
  @ConfigProperty(name = "tim.konnektor.test-tools.enabled", defaultValue = "false")
  boolean enabled;

  /** The Konnektor the adapter is configured with (configure-konnektor.cli); "none" if software. */
  @Inject
  @ConfigProperty(name = "tim.konnektor.soap-url", defaultValue = "none")
  String configuredSoapUrl;

  /**
   * Further Konnektor base URLs (prefixes, comma-separated) a test installation may name with
   * {@code ?konnektor=}; empty by default, so the tools reach no host but the configured Konnektor.
   */
  @Inject
  @ConfigProperty(name = "tim.konnektor.test-tools.allowed-urls", defaultValue = " ")
  String allowedUrls;

  /** The cards the Konnektor shows in the default context. */
  public List<CardInfo> cards(Optional<KonnektorTarget> target) throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return c.getCards(c.defaultContext());
    }
  }

  /** Issues a software test card (SMC-B or eHBA) from the software Konnektor's test PKI. */
  public CardInfo issueTestCard(TestCardRequest request) throws KonnektorException {
    if (request.ocspUrl() != null) {
      // the server itself will POST to this URL when the card registers (finding 25's SSRF rule)
      requireAllowed(java.net.URI.create(request.ocspUrl()));
    }
    try (KonnektorConnection c = open(Optional.of(KonnektorTarget.software()))) {
      CardInfo card = c.issueTestCard(request);
      LOG.info(() -> "Issued test card " + card.cardHandle() + " (" + card.type().wireName() + ")");
      return card;
    }
  }

  /** Revokes a software test card: the test PKI's OCSP responder answers revoked for it. */
  public void revokeTestCard(String cardHandle) throws KonnektorException {
    try (KonnektorConnection c = open(Optional.of(KonnektorTarget.software()))) {
      c.revokeTestCard(cardHandle);
      LOG.info(() -> "Revoked test card " + cardHandle);
    }
  }

  /** CMS signature with the card's signature key (SMC-B C.HCI.OSIG, eHBA C.HP.QES). */
  public byte[] sign(
      Optional<KonnektorTarget> target,
      String cardHandle,
      Crypt crypt,
      byte[] content,
      boolean detached)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return c.signDocument(c.defaultContext(), cardHandle, crypt, content, !detached);
    }
  }

  /** ReadCardCertificate: one of the card's certificates (e.g. the SMC-B's C.HCI.AUT). */
  public java.security.cert.X509Certificate readCardCertificate(
      Optional<KonnektorTarget> target, String cardHandle, CertRef ref, Crypt crypt)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return c.readCardCertificate(c.defaultContext(), cardHandle, ref, crypt);
    }
  }

  public SignatureVerification verify(
      Optional<KonnektorTarget> target, byte[] signedData, byte[] detachedContent)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return c.verifyDocument(c.defaultContext(), signedData, detachedContent);
    }
  }

  /**
   * CMS AuthEnvelopedData (AES-256-GCM) for the card's C.ENC certificate of the given algorithm.
   */
  public byte[] encryptForCard(
      Optional<KonnektorTarget> target, String cardHandle, Crypt crypt, byte[] content)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      var certificate = c.readCardCertificate(c.defaultContext(), cardHandle, CertRef.ENC, crypt);
      return c.encryptDocument(c.defaultContext(), List.of(certificate), content);
    }
  }

  public byte[] decrypt(
      Optional<KonnektorTarget> target, String cardHandle, Crypt crypt, byte[] envelopedData)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return c.decryptDocument(c.defaultContext(), cardHandle, crypt, envelopedData);
    }
  }

  /** VerifyPin with the PIN given (software Konnektor) or typed at the terminal (pin null). */
  public PinState verifyPin(
      Optional<KonnektorTarget> target, String cardHandle, PinType pinType, char[] pin)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return pin == null
          ? c.verifyPin(c.defaultContext(), cardHandle, pinType)
          : c.verifyPin(c.defaultContext(), cardHandle, pinType, pin);
    }
  }

  public byte[] externalAuthenticate(
      Optional<KonnektorTarget> target, String cardHandle, Crypt crypt, byte[] sha256Digest)
      throws KonnektorException {
    try (KonnektorConnection c = open(target)) {
      return c.externalAuthenticate(c.defaultContext(), cardHandle, crypt, sha256Digest);
    }
  }

  private KonnektorConnection open(Optional<KonnektorTarget> target) throws KonnektorException {
    if (!enabled) {
      throw new MatrixException(
          ErrorCode.M_UNRECOGNIZED,
          "Konnektor test tools are off (tim.konnektor.test-tools.enabled)");
    }
    if (target.isPresent() && !target.get().isSoftware()) {
      requireAllowed(target.get().soapBaseUrl());
    }
    return target.isPresent() ? konnektor.getConnection(target.get()) : konnektor.getConnection();
  }

  /**
   * A named Konnektor must be the configured one or an allowed one: otherwise the tools would fetch
   * any URL the caller names from inside the TI network (SSRF; security review, finding 25).
   */
  private void requireAllowed(java.net.URI url) {
    String candidate = url.toString();
    boolean plain =
        url.getHost() != null
            && url.getRawUserInfo() == null
            && ("http".equalsIgnoreCase(url.getScheme())
                || "https".equalsIgnoreCase(url.getScheme()));
    boolean allowed =
        plain
            && (candidate.equals(configuredSoapUrl)
                || java.util.Arrays.stream(allowedUrls.split(","))
                    .map(String::trim)
                    .anyMatch(prefix -> !prefix.isEmpty() && candidate.startsWith(prefix)));
    if (!allowed) {
      throw new MatrixException(
          ErrorCode.M_FORBIDDEN,
          "konnektor: only the configured Konnektor or one of tim.konnektor.test-tools.allowed-urls");
    }
  }
}
