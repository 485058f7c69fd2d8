package de.timkim.kim.clientmodule.smime;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.ContentEncryption;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.SignatureVerification;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.directory.KimDirectory;
import de.timkim.kim.mail.KimAddress;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes and opens KIM S/MIME messages with the cards behind the Konnektor. The layout follows
 * gematik's KIM S/MIME profile: the complete original message (headers and body) is signed as
 * encapsulated CMS SignedData, that signed entity ({@code application/pkcs7-mime;
 * smime-type=signed-data}) is encrypted for every recipient and the sender (so the sender can read
 * its sent mail), and the outer message carries only what transport needs: From, To, Cc, Date,
 * Message-ID, the fixed subject "KOM-LE-Nachricht" and the X-KIM headers.
 *
 * <p>KIM 1.5 encrypts as CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084), outer type
 * {@code smime-type=authEnveloped-data} (RFC 8551); {@code
 * kim.smime.content-encryption=AES_256_CBC} switches back to KIM 1.0's EnvelopedData with
 * AES-256-CBC for installations whose partners cannot read 1.5 yet. Received mail is opened in
 * either format. A recipient whose directory entry lists an ECC (brainpoolP256r1) certificate
 * beside the RSA one gets ECDH key agreement (RFC 5753) for it too, and opening tries the card's
 * ECC key before its RSA key.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmimeService {

  private static final Logger LOG = Logger.getLogger(SmimeService.class.getName());

  @Resource(lookup = "java:/eis/Konnektor")
  private KonnektorConnectionFactory konnektor;

  @Inject private KimDirectory directory;

  @Inject private CryptoMemoryGate memory;

  @Inject private KimAccountService accounts;

  @Inject
  @ConfigProperty(name = "kim.smime.content-encryption", defaultValue = "AES_256_GCM")
  ContentEncryption contentEncryption;

  /**
   * Admits the work on a message of {@code bytes} to the heap (see {@link CryptoMemoryGate}); hold
   * the pass while the message and its signed and encrypted forms are in memory.
   */
  public CryptoMemoryGate.Pass admit(long bytes) throws SmimeException {
    return memory.admit(bytes);
  }

  /**
   * Signs {@code message} with the sender's card (call it holding an {@link #admit} pass) and
   * encrypts it for the recipients and the sender.
   *
   * @return the outer message, ready for the Fachdienst
   * @throws SmimeException a recipient or the sender has no certificate in the directory, the
   *     sender's card is not in this Konnektor context, or the Konnektor refused
   */
  public byte[] signAndEncrypt(
      KonnektorContext context,
      KimAddress sender,
      List<KimAddress> recipients,
      byte[] message,
      String senderSystem)
      throws SmimeException {
    List<X509Certificate> senderCertificates = certificates(sender);
    Set<X509Certificate> encryptFor = new LinkedHashSet<>(senderCertificates);
    for (KimAddress recipient : recipients) {
      encryptFor.addAll(certificates(recipient));
    }
    MessageHeaders headers = MessageHeaders.parse(message);
    try (KonnektorConnection connection = konnektor.getConnection()) {
      String card = cardFor(connection, context, senderCertificates, sender).handle();
      byte[] signed = connection.signDocument(context, card, Crypt.RSA, message, true);
      byte[] inner = SmimeEntities.entity("signed-data", signed, List.of());
      byte[] enveloped =
          connection.encryptDocument(
              context, new ArrayList<>(encryptFor), inner, contentEncryption);
      return SmimeEntities.outer(
          headers, enveloped, senderSystem, SmimeEntities.smimeType(contentEncryption));
    } catch (KonnektorException e) {
      throw new SmimeException("Konnektor: " + e.getMessage(), e);
    }
  }

  /**
   * Decrypts a received message with the recipient's card and checks its signature. Never fails:
   * what cannot be decrypted or verified is returned as it is with headers saying so, because a KIM
   * message must reach the practice software even when it is broken.
   */
  public OpenedMessage open(KonnektorContext context, KimAddress recipient, byte[] message) {
    // only the client module's own verdict may reach the practice software: a sender's forged
    // X-KIM-DecryptionResult or X-KIM-IntegrityCheckResult, outside or inside, is removed first
    byte[] received = MessageHeaders.withoutResultHeaders(message);
    MessageHeaders outer = MessageHeaders.parse(received);
    String contentType = String.valueOf(outer.first("Content-Type")).toLowerCase(Locale.ROOT);
    if (!contentType.startsWith("application/pkcs7-mime")
        && !contentType.startsWith("application/x-pkcs7-mime")) {
      // server-generated messages (bounces, delivery and absence notices) are neither signed nor
      // encrypted by design
      return new OpenedMessage(
          SmimeEntities.prepend(
              received,
              "X-KIM-DecryptionResult: not encrypted",
              "X-KIM-IntegrityCheckResult: not signed"),
          false,
          false);
    }
    byte[] plaintext;
    try {
      byte[] enveloped = SmimeEntities.base64Body(received, outer);
      try (CryptoMemoryGate.Pass admitted = memory.admitOrWait(received.length);
          KonnektorConnection connection = konnektor.getConnection()) {
        plaintext =
            decrypt(
                connection,
                context,
                cardFor(connection, context, certificates(recipient), recipient),
                enveloped);
      }
    } catch (SmimeException | KonnektorException | IllegalArgumentException e) {
      LOG.info(() -> "Message for " + recipient + " not decrypted: " + e.getMessage());
      return new OpenedMessage(
          SmimeEntities.prepend(
              received,
              "X-KIM-DecryptionResult: failed",
              "X-KIM-IntegrityCheckResult: not checked",
              "X-KIM-Fehlermeldung: Die Nachricht konnte nicht entschluesselt werden ("
                  + SmimeEntities.oneLine(e.getMessage())
                  + ")"),
          false,
          false);
    }
    return verify(context, recipient, plaintext);
  }

  private OpenedMessage verify(KonnektorContext context, KimAddress recipient, byte[] decrypted) {
    byte[] inner = MessageHeaders.withoutResultHeaders(decrypted);
    MessageHeaders headers = MessageHeaders.parse(inner);
    String contentType = String.valueOf(headers.first("Content-Type")).toLowerCase(Locale.ROOT);
    if (!contentType.contains("signed-data")) {
      return new OpenedMessage(
          SmimeEntities.prepend(
              inner,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: not signed",
              "X-KIM-Fehlermeldung: Achtung: Die Nachricht ist nicht signiert, ihr Absender ist"
                  + " nicht bestaetigt"),
          true,
          false);
    }
    byte[] signed;
    byte[] content;
    try {
      signed = SmimeEntities.base64Body(inner, headers);
      content =
          MessageHeaders.withoutResultHeaders(
              (byte[]) new CMSSignedData(signed).getSignedContent().getContent());
    } catch (SmimeException | CMSException | RuntimeException e) {
      return new OpenedMessage(
          SmimeEntities.prepend(
              inner,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: invalid; unreadable signature",
              "X-KIM-Fehlermeldung: Achtung: Die Signatur der Nachricht ist nicht lesbar"),
          true,
          false);
    }
    return verdict(recipient, content, verifySignature(context, signed));
  }

  /**
   * The decrypted content with the client module's verdict on its signature: valid only if the
   * Konnektor says so and the signer is the sender ({@link SignerIsSender}).
   */
  private OpenedMessage verdict(
      KimAddress recipient, byte[] content, SignatureVerification verification) {
    Optional<String> notTheSender =
        verification.valid()
            ? SignerIsSender.problem(
                verification.signer(),
                content,
                address -> accounts.find(address).map(KimAccount::telematikId))
            : Optional.empty();
    if (notTheSender.isPresent()) {
      LOG.info(() -> "Signature of a message for " + recipient + ": " + notTheSender.get());
      return new OpenedMessage(
          SmimeEntities.prepend(
              content,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: invalid; " + SmimeEntities.oneLine(notTheSender.get()),
              "X-KIM-Fehlermeldung: Achtung: Die Nachricht ist nicht vom angegebenen Absender"
                  + " signiert ("
                  + SmimeEntities.oneLine(notTheSender.get())
                  + ")"),
          true,
          false);
    }
    if (verification.valid()) {
      String signer =
          verification.signer() == null
              ? ""
              : "; signer=\""
                  + SmimeEntities.oneLine(verification.signer().getSubjectX500Principal().getName())
                  + "\"";
      return new OpenedMessage(
          SmimeEntities.prepend(
              content,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: valid" + signer),
          true,
          true);
    }
    LOG.info(() -> "Signature of a message for " + recipient + ": " + verification.result());
    return new OpenedMessage(
        SmimeEntities.prepend(
            content,
            "X-KIM-DecryptionResult: decrypted",
            "X-KIM-IntegrityCheckResult: "
                + verification.result().name().toLowerCase(Locale.ROOT)
                + "; "
                + SmimeEntities.oneLine(verification.reason()),
            "X-KIM-Fehlermeldung: Achtung: Die Signatur der Nachricht ist nicht gueltig, Inhalt"
                + " und Absender sind nicht bestaetigt"),
        true,
        false);
  }

  private SignatureVerification verifySignature(KonnektorContext context, byte[] signed) {
    try (KonnektorConnection connection = konnektor.getConnection()) {
      return connection.verifyDocument(context, signed, null);
    } catch (KonnektorException e) {
      return new SignatureVerification(
          SignatureVerification.Result.INCONCLUSIVE, null, SmimeEntities.oneLine(e.getMessage()));
    }
  }

  private List<X509Certificate> certificates(KimAddress address) throws SmimeException {
    List<X509Certificate> certificates = directory.encryptionCertificates(address);
    if (certificates.isEmpty()) {
      throw new SmimeException("No encryption certificate for " + address + " in the directory");
    }
    return certificates;
  }

  /** A card and those of its encryption keys whose certificates the directory lists. */
  private record CardKeys(String handle, List<Crypt> crypts) {}

  /**
   * Decrypts with the first of the card's keys the document is encrypted for: ECC first, where the
   * TI is heading, then RSA, the only key of KIM 1.0 senders.
   */
  private static byte[] decrypt(
      KonnektorConnection connection, KonnektorContext context, CardKeys card, byte[] document)
      throws KonnektorException {
    KonnektorException notForThisKey = null;
    for (Crypt crypt : card.crypts()) {
      try {
        return connection.decryptDocument(context, card.handle(), crypt, document);
      } catch (KonnektorException e) {
        if (e.code() != KonnektorErrorCode.WRONG_KEY) {
          throw e;
        }
        notForThisKey = e;
      }
    }
    throw notForThisKey;
  }

  /** The card (SMC-B or HBA) in this context whose encryption certificates the directory lists. */
  private static CardKeys cardFor(
      KonnektorConnection connection,
      KonnektorContext context,
      List<X509Certificate> published,
      KimAddress address)
      throws KonnektorException, SmimeException {
    for (CardInfo card : connection.getCards(context)) {
      if (card.type() != CardType.SMC_B && card.type() != CardType.HBA) {
        continue;
      }
      List<Crypt> crypts = new ArrayList<>();
      for (Crypt crypt : List.of(Crypt.ECC, Crypt.RSA)) {
        try {
          if (published.contains(
              connection.readCardCertificate(context, card.cardHandle(), CertRef.ENC, crypt))) {
            crypts.add(crypt);
          }
        } catch (KonnektorException e) {
          if (e.code() != KonnektorErrorCode.CERTIFICATE_NOT_PRESENT) {
            throw e;
          }
        }
      }
      if (!crypts.isEmpty()) {
        return new CardKeys(card.cardHandle(), crypts);
      }
    }
    throw new SmimeException(
        "The card of " + address + " is not available in Mandant " + context.mandantId());
  }
}
