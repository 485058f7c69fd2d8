package de.timkim.connector.soft;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CertRef;
import de.timkim.connector.CertificateInvalidException;
import de.timkim.connector.ContentEncryption;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.PinState;
import de.timkim.connector.PinType;
import de.timkim.connector.ProductInformation;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.backend.KonnektorBackend;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The embedded default backend: answers Konnektor operations with the software cards of a {@link
 * SoftwareCardStore}, in this JVM, with gematik's error codes where a real Konnektor has them.
 */
public final class SoftwareKonnektor implements KonnektorBackend {

  static final String VENDOR = "TIM-KIM";
  static final String PRODUCT = "Software-Konnektor";

  private final SoftwareCardStore cards;
  private final KonnektorContext defaultContext;

  public SoftwareKonnektor(SoftwareCardStore cards, KonnektorContext defaultContext) {
    this.cards = Objects.requireNonNull(cards, "cards");
    this.defaultContext = defaultContext;
  }

  @Override
  public ProductInformation productInformation() {
    String version = SoftwareKonnektor.class.getPackage().getImplementationVersion();
    return new ProductInformation(VENDOR, PRODUCT, version == null ? "dev" : version, "software");
  }

  @Override
  public List<CardInfo> getCards(KonnektorContext context) throws KonnektorException {
    checkContext(context);
    List<CardInfo> result = new ArrayList<>();
    for (SoftwareCard card : cards.cards(context.mandantId())) {
      result.add(card.info());
    }
    return result;
  }

  @Override
  public PinState getPinStatus(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException {
    return cards.pins().pinState(card(context, cardHandle), pin);
  }

  @Override
  public PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin, char[] value)
      throws KonnektorException {
    return cards.pins().verifyPin(card(context, cardHandle), pin, value);
  }

  @Override
  public X509Certificate readCardCertificate(
      KonnektorContext context, String cardHandle, CertRef ref, Crypt crypt)
      throws KonnektorException {
    return key(card(context, cardHandle), ref, crypt).chain().get(0);
  }

  @Override
  public byte[] signDocument(
      KonnektorContext context,
      String cardHandle,
      Crypt crypt,
      byte[] content,
      boolean includeContent)
      throws KonnektorException {
    SoftwareCard card = card(context, cardHandle);
    CertRef ref = card.signatureRef();
    var key = key(card, ref, crypt);
    requireUsable(key.chain().get(0));
    cards.pins().unlock(card, ref);
    try {
      return CardSignatures.sign(key.key(), key.chain().subList(0, 2), content, includeContent);
    } catch (GeneralSecurityException e) {
      throw signatureFailed(e);
    }
  }

  @Override
  public SignatureVerification verifyDocument(
      KonnektorContext context, byte[] signedData, byte[] detachedContent)
      throws KonnektorException {
    checkContext(context);
    var result =
        CardSignatures.verify(signedData, detachedContent, cards.trustAnchors(), new Date());
    if (!result.valid()) {
      return new SignatureVerification(
          SignatureVerification.Result.INVALID, result.signer(), result.reason());
    }
    if (cards.revoked(result.signer())) {
      return new SignatureVerification(
          SignatureVerification.Result.INVALID,
          result.signer(),
          "CERT_REVOKED: signer certificate revoked");
    }
    return new SignatureVerification(SignatureVerification.Result.VALID, result.signer(), null);
  }

  @Override
  public byte[] encryptDocument(
      KonnektorContext context,
      List<X509Certificate> recipients,
      byte[] content,
      ContentEncryption encryption)
      throws KonnektorException {
    checkContext(context);
    if (recipients == null || recipients.isEmpty()) {
      throw new KonnektorException(KonnektorErrorCode.SYNTAX_ERROR, "No recipient certificate");
    }
    for (X509Certificate recipient : recipients) {
      requireUsable(recipient);
    }
    try {
      return CardEncryption.encrypt(
          recipients, content, encryption == null ? ContentEncryption.AES_256_GCM : encryption);
    } catch (GeneralSecurityException e) {
      throw new KonnektorException(
          KonnektorErrorCode.ENCRYPTION_FAILED,
          "hybride Verschlüsselung konnte nicht durchgeführt werden: " + e.getMessage(),
          e);
    }
  }

  @Override
  public byte[] decryptDocument(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] envelopedData)
      throws KonnektorException {
    SoftwareCard card = card(context, cardHandle);
    var key = key(card, CertRef.ENC, crypt);
    cards.pins().unlock(card, CertRef.ENC);
    try {
      return CardEncryption.decrypt(key.key(), key.chain().get(0), envelopedData);
    } catch (CardEncryption.NotARecipientException e) {
      throw new KonnektorException(
          KonnektorErrorCode.WRONG_KEY, "falscher Schlüssel: " + e.getMessage(), e);
    } catch (CardEncryption.AuthenticationFailedException e) {
      throw new KonnektorException(
          KonnektorErrorCode.DECRYPTION_FAILED,
          "Integritätsprüfung fehlgeschlagen, die Nachricht wurde verändert: " + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new KonnektorException(
          KonnektorErrorCode.DECRYPTION_FAILED,
          "hybride Entschlüsselung konnte nicht durchgeführt werden: " + e.getMessage(),
          e);
    }
  }

  @Override
  public byte[] externalAuthenticate(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] sha256Digest)
      throws KonnektorException {
    SoftwareCard card = card(context, cardHandle);
    var key = key(card, CertRef.AUT, crypt);
    requireUsable(key.chain().get(0));
    if (sha256Digest == null || sha256Digest.length != 32) {
      throw new KonnektorException(
          KonnektorErrorCode.SYNTAX_ERROR, "BinaryString must be a SHA-256 digest (32 bytes)");
    }
    cards.pins().unlock(card, CertRef.AUT);
    try {
      return CardSignatures.signDigest(key.key(), sha256Digest);
    } catch (GeneralSecurityException e) {
      throw signatureFailed(e);
    }
  }

  @Override
  public CardInfo issueTestCard(TestCardRequest request) throws KonnektorException {
    return cards.issue(request);
  }

  @Override
  public void revokeTestCard(String cardHandle) throws KonnektorException {
    cards.revoke(cardHandle);
  }

  @Override
  public byte[] testPkiOcspResponse(byte[] ocspRequest) throws KonnektorException {
    return cards.ocspResponse(ocspRequest);
  }

  @Override
  public void close() {
    // the card store outlives connections; nothing per connection is held open
  }

  private SoftwareCard card(KonnektorContext context, String cardHandle) throws KonnektorException {
    checkContext(context);
    SoftwareCard card = cards.card(cardHandle);
    if (!card.mandantId().equals(context.mandantId())) {
      // a card of another Mandant is invisible in this context, as on a real Konnektor
      throw de.timkim.connector.UnknownCardHandleException.forHandle(cardHandle);
    }
    return card;
  }

  /** The one error (4123) of SignDocument and ExternalAuthenticate when the key refuses to sign. */
  private static KonnektorException signatureFailed(GeneralSecurityException e) {
    return new KonnektorException(
        KonnektorErrorCode.SIGNATURE_FAILED, "Fehler bei Signaturerstellung: " + e.getMessage(), e);
  }

  private void checkContext(KonnektorContext context) throws KonnektorException {
    KonnektorContext c = context == null ? defaultContext : context;
    if (!cards.knowsMandant(c.mandantId())) {
      throw new KonnektorException(
          KonnektorErrorCode.INVALID_MANDANT, "Ungültige Mandanten-ID: " + c.mandantId());
    }
  }

  private static Pkcs12Files.KeyAndChain key(SoftwareCard card, CertRef ref, Crypt crypt)
      throws KonnektorException {
    var key = card.keys().get(new SoftwareCard.KeyId(ref, crypt == null ? Crypt.RSA : crypt));
    if (key == null) {
      throw new KonnektorException(
          KonnektorErrorCode.CERTIFICATE_NOT_PRESENT,
          "Zertifikat nicht vorhanden: " + ref.wireName() + " on " + card.type().wireName());
    }
    return key;
  }

  /**
   * gemSpec_PKI's certificate check, as far as a test double can: validity period and revocation.
   */
  private void requireUsable(X509Certificate certificate) throws CertificateInvalidException {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new CertificateInvalidException(
          KonnektorErrorCode.CERTIFICATE_NOT_VALID_TIME,
          "Zertifikat ist zeitlich nicht gültig (CERTIFICATE_NOT_VALID_TIME): "
              + certificate.getSubjectX500Principal().getName()
              + ", valid until "
              + certificate.getNotAfter().toInstant());
    }
    if (cards.revoked(certificate)) {
      throw new CertificateInvalidException(
          KonnektorErrorCode.CERTIFICATE_REVOKED,
          "Zertifikat wurde widerrufen (CERT_REVOKED): "
              + certificate.getSubjectX500Principal().getName());
    }
  }
}
