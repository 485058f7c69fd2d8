package de.timkim.connector;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One caller's handle on the Konnektor. Operations follow the Konnektor's services in gematik's
 * api-telematik: EventService GetCards, CardService GetPinStatus/VerifyPin, CertificateService
 * ReadCardCertificate, SignatureService SignDocument/VerifyDocument, EncryptionService
 * EncryptDocument/DecryptDocument and AuthSignatureService ExternalAuthenticate. Documents are CMS
 * (RFC 5652) in DER.
 */
public interface KonnektorConnection extends AutoCloseable {

  /** The Konnektor's product information (connector.sds ProductInformation). */
  ProductInformation productInformation() throws KonnektorException;

  /** EventService GetCards: the SMC-Bs and HBAs visible in this context. */
  List<CardInfo> getCards(KonnektorContext context) throws KonnektorException;

  /** CardService GetPinStatus. */
  PinState getPinStatus(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException;

  /**
   * CardService VerifyPin: the Konnektor asks for the PIN at the card terminal.
   *
   * @throws WrongPinException the PIN entered was wrong
   * @throws CardLockedException the PIN is (now) blocked
   */
  PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException;

  /**
   * VerifyPin with the PIN given by the caller instead of typed at a terminal. Only the software
   * Konnektor accepts this (it has no terminal); a real Konnektor answers 4078 "PIN-Eingabe über
   * das Clientsystem ist nicht zugelassen".
   */
  PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin, char[] value)
      throws KonnektorException;

  /** CertificateService ReadCardCertificate for one certificate. */
  X509Certificate readCardCertificate(
      KonnektorContext context, String cardHandle, CertRef ref, Crypt crypt)
      throws KonnektorException;

  /**
   * SignatureService SignDocument: a CMS SignedData (CAdES-BES, SHA-256) over the content, made
   * with the SMC-B's C.HCI.OSIG or the HBA's C.HP.QES key.
   *
   * @param includeContent whether the content is encapsulated (IncludeEContent) or detached
   * @throws CertificateInvalidException the signing certificate is expired or revoked
   */
  byte[] signDocument(
      KonnektorContext context,
      String cardHandle,
      Crypt crypt,
      byte[] content,
      boolean includeContent)
      throws KonnektorException;

  /**
   * SignatureService VerifyDocument of a CMS SignedData, checking the signer's certificate against
   * the trusted TI roots.
   *
   * @param detachedContent the signed content when it is not encapsulated, otherwise null
   */
  SignatureVerification verifyDocument(
      KonnektorContext context, byte[] signedData, byte[] detachedContent)
      throws KonnektorException;

  /**
   * EncryptionService EncryptDocument: CMS AuthEnvelopedData or EnvelopedData, as {@code
   * encryption} says, for the given recipients' encryption certificates: RSA recipients get
   * RSA-OAEP (SHA-256) key transport, ECC (brainpoolP256r1) recipients ECDH key agreement (RFC
   * 5753, BSI TR-03116).
   */
  byte[] encryptDocument(
      KonnektorContext context,
      List<X509Certificate> recipients,
      byte[] content,
      ContentEncryption encryption)
      throws KonnektorException;

  /** EncryptDocument in the KIM 1.5 format: AuthEnvelopedData with AES-256-GCM. */
  default byte[] encryptDocument(
      KonnektorContext context, List<X509Certificate> recipients, byte[] content)
      throws KonnektorException {
    return encryptDocument(context, recipients, content, ContentEncryption.AES_256_GCM);
  }

  /**
   * EncryptionService DecryptDocument with the card's C.ENC key: AuthEnvelopedData (a content whose
   * GCM tag does not match fails with {@link KonnektorErrorCode#DECRYPTION_FAILED}) or
   * EnvelopedData, whichever the document is.
   */
  byte[] decryptDocument(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] envelopedData)
      throws KonnektorException;

  /**
   * AuthSignatureService ExternalAuthenticate: signs a SHA-256 digest with the card's C.AUT key,
   * RSASSA-PSS for RSA and ECDSA (plain DER) for ECC; for card-based login (IDP challenge).
   */
  byte[] externalAuthenticate(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] sha256Digest)
      throws KonnektorException;

  /** The call context configured for this installation (Mandant, client system, workplace). */
  KonnektorContext defaultContext();

  /**
   * Issues a new test card (SMC-B or eHBA) from the software Konnektor's test PKI. Only the
   * software Konnektor can; a real Konnektor answers with a KonnektorException.
   */
  CardInfo issueTestCard(TestCardRequest request) throws KonnektorException;

  /**
   * Revokes a test card of the software Konnektor's test PKI: its OCSP responder answers {@code
   * revoked} for the card's certificates from now on. A real Konnektor answers with a
   * KonnektorException.
   */
  void revokeTestCard(String cardHandle) throws KonnektorException;

  /**
   * The software Konnektor's test PKI OCSP responder (RFC 6960): the DER OCSPResponse to a DER
   * OCSPRequest. A real Konnektor answers with a KonnektorException.
   */
  byte[] testPkiOcspResponse(byte[] ocspRequest) throws KonnektorException;

  /** Returns the handle to the pool. */
  @Override
  void close();
}
