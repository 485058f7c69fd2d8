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
import de.timkim.kim.accounts.TelematikIds;
import de.timkim.kim.directory.KimDirectory;
import de.timkim.kim.mail.KimAddress;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

  /** gematik's fixed outer subject: the real one travels encrypted. */
  static final String OUTER_SUBJECT = "KOM-LE-Nachricht";

  static final String DEFAULT_DIENSTKENNUNG = "KIM-Mail;Default;V1.0";

  private static final List<String> ROUTING_HEADERS =
      List.of("From", "Sender", "Reply-To", "To", "Cc", "Date", "Message-ID");

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
      byte[] inner = entity("signed-data", signed, List.of());
      byte[] enveloped =
          connection.encryptDocument(
              context, new ArrayList<>(encryptFor), inner, contentEncryption);
      return outer(headers, enveloped, senderSystem, smimeType(contentEncryption));
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
          prepend(
              received,
              "X-KIM-DecryptionResult: not encrypted",
              "X-KIM-IntegrityCheckResult: not signed"),
          false,
          false);
    }
    byte[] plaintext;
    try {
      byte[] enveloped = base64Body(received, outer);
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
          prepend(
              received,
              "X-KIM-DecryptionResult: failed",
              "X-KIM-IntegrityCheckResult: not checked",
              "X-KIM-Fehlermeldung: Die Nachricht konnte nicht entschluesselt werden ("
                  + oneLine(e.getMessage())
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
          prepend(
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
      signed = base64Body(inner, headers);
      content =
          MessageHeaders.withoutResultHeaders(
              (byte[]) new CMSSignedData(signed).getSignedContent().getContent());
    } catch (SmimeException | CMSException | RuntimeException e) {
      return new OpenedMessage(
          prepend(
              inner,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: invalid; unreadable signature",
              "X-KIM-Fehlermeldung: Achtung: Die Signatur der Nachricht ist nicht lesbar"),
          true,
          false);
    }
    SignatureVerification verification = verifySignature(context, signed);
    Optional<String> notTheSender =
        verification.valid()
            ? signerIsNotTheSender(verification.signer(), content)
            : Optional.empty();
    if (notTheSender.isPresent()) {
      LOG.info(() -> "Signature of a message for " + recipient + ": " + notTheSender.get());
      return new OpenedMessage(
          prepend(
              content,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: invalid; " + oneLine(notTheSender.get()),
              "X-KIM-Fehlermeldung: Achtung: Die Nachricht ist nicht vom angegebenen Absender"
                  + " signiert ("
                  + oneLine(notTheSender.get())
                  + ")"),
          true,
          false);
    }
    if (verification.valid()) {
      String signer =
          verification.signer() == null
              ? ""
              : "; signer=\""
                  + oneLine(verification.signer().getSubjectX500Principal().getName())
                  + "\"";
      return new OpenedMessage(
          prepend(
              content,
              "X-KIM-DecryptionResult: decrypted",
              "X-KIM-IntegrityCheckResult: valid" + signer),
          true,
          true);
    }
    LOG.info(() -> "Signature of a message for " + recipient + ": " + verification.result());
    return new OpenedMessage(
        prepend(
            content,
            "X-KIM-DecryptionResult: decrypted",
            "X-KIM-IntegrityCheckResult: "
                + verification.result().name().toLowerCase(Locale.ROOT)
                + "; "
                + oneLine(verification.reason()),
            "X-KIM-Fehlermeldung: Achtung: Die Signatur der Nachricht ist nicht gueltig, Inhalt"
                + " und Absender sind nicht bestaetigt"),
        true,
        false);
  }

  /**
   * Why a valid signature does not prove the message's From: the signer certificate's Telematik-ID
   * (admission extension) must be the one of the account that owns the From address (gematik KIM:
   * the SMC-B or HBA of the sending institution signs). Empty when it is.
   */
  private Optional<String> signerIsNotTheSender(X509Certificate signer, byte[] content) {
    String from = MessageHeaders.parse(content).first("From");
    KimAddress sender;
    try {
      InternetAddress[] addresses = InternetAddress.parseHeader(from == null ? "" : from, false);
      if (addresses.length != 1) {
        return Optional.of("From names " + addresses.length + " addresses, not one sender");
      }
      sender = KimAddress.parse(addresses[0].getAddress());
    } catch (AddressException | IllegalArgumentException e) {
      return Optional.of("From is not a KIM address");
    }
    Optional<String> signedBy = signer == null ? Optional.empty() : TelematikIds.of(signer);
    if (signedBy.isEmpty()) {
      return Optional.of("the signer certificate names no Telematik-ID");
    }
    Optional<String> owner = accounts.find(sender).map(KimAccount::telematikId);
    if (owner.isEmpty()) {
      return Optional.of(
          "signed by Telematik-ID "
              + signedBy.get()
              + ", but no Telematik-ID is known for the sender "
              + sender);
    }
    if (!owner.get().equals(signedBy.get())) {
      return Optional.of(
          "signed by Telematik-ID "
              + signedBy.get()
              + ", but the sender "
              + sender
              + " belongs to Telematik-ID "
              + owner.get());
    }
    return Optional.empty();
  }

  private SignatureVerification verifySignature(KonnektorContext context, byte[] signed) {
    try (KonnektorConnection connection = konnektor.getConnection()) {
      return connection.verifyDocument(context, signed, null);
    } catch (KonnektorException e) {
      return new SignatureVerification(
          SignatureVerification.Result.INCONCLUSIVE, null, oneLine(e.getMessage()));
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

  /** The S/MIME type of the outer entity (RFC 8551 3.2.2). */
  static String smimeType(ContentEncryption encryption) {
    return encryption == ContentEncryption.AES_256_CBC ? "enveloped-data" : "authEnveloped-data";
  }

  private static byte[] outer(
      MessageHeaders original, byte[] enveloped, String senderSystem, String smimeType) {
    StringBuilder head = new StringBuilder();
    for (String name : ROUTING_HEADERS) {
      for (MessageHeaders.Field field : original.all(name)) {
        head.append(field.raw()).append("\r\n");
      }
    }
    if (original.all("Date").isEmpty()) {
      head.append("Date: ")
          .append(
              java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))
          .append("\r\n");
    }
    if (original.all("Message-ID").isEmpty()) {
      head.append("Message-ID: <").append(UUID.randomUUID()).append("@kim.clientmodule>\r\n");
    }
    String dienstkennung = original.first("X-KIM-Dienstkennung");
    head.append("Subject: ").append(OUTER_SUBJECT).append("\r\n");
    head.append("X-KIM-Dienstkennung: ")
        .append(dienstkennung == null ? DEFAULT_DIENSTKENNUNG : dienstkennung)
        .append("\r\n");
    head.append("X-KIM-Sendersystem: ").append(senderSystem).append("\r\n");
    return entity(smimeType, enveloped, List.of(head.toString()));
  }

  /** A MIME entity of type application/pkcs7-mime with the CMS structure base64-encoded. */
  private static byte[] entity(String smimeType, byte[] cms, List<String> extraHeaders) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(cms.length * 4 / 3 + 4096);
    StringBuilder head = new StringBuilder();
    extraHeaders.forEach(head::append);
    head.append("MIME-Version: 1.0\r\n")
        .append("Content-Type: application/pkcs7-mime; smime-type=")
        .append(smimeType)
        .append("; name=\"smime.p7m\"\r\n")
        .append("Content-Disposition: attachment; filename=\"smime.p7m\"\r\n")
        .append("Content-Transfer-Encoding: base64\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    // encoded straight into the result: a 25 MiB message is large enough without another copy
    try (OutputStream base64 =
        Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(new NonClosing(out))) {
      base64.write(cms);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(new byte[] {'\r', '\n'});
    return out.toByteArray();
  }

  private static byte[] base64Body(byte[] message, MessageHeaders headers) throws SmimeException {
    try {
      return Base64.getMimeDecoder()
          .wrap(
              new ByteArrayInputStream(
                  message, headers.bodyOffset(), message.length - headers.bodyOffset()))
          .readAllBytes();
    } catch (IOException | IllegalArgumentException e) {
      throw new SmimeException("The S/MIME body is not valid base64", e);
    }
  }

  private static byte[] prepend(byte[] message, String... headerLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 512);
    for (String line : headerLines) {
      out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(message);
    return out.toByteArray();
  }

  /** Lets the base64 encoder finish its last line without closing the buffer underneath. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() {}
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ").replace("\"", "'");
  }
}
