package de.timkim.connector.backend;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CertRef;
import de.timkim.connector.ContentEncryption;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.PinState;
import de.timkim.connector.PinType;
import de.timkim.connector.ProductInformation;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One way of reaching a Konnektor: the software Konnektor or a real one over SOAP. The operations
 * are those of {@link de.timkim.connector.KonnektorConnection}, which documents them.
 */
public interface KonnektorBackend extends AutoCloseable {

  ProductInformation productInformation() throws KonnektorException;

  List<CardInfo> getCards(KonnektorContext context) throws KonnektorException;

  PinState getPinStatus(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException;

  /**
   * @param value the PIN, or null to have it entered at the card terminal
   */
  PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin, char[] value)
      throws KonnektorException;

  X509Certificate readCardCertificate(
      KonnektorContext context, String cardHandle, CertRef ref, Crypt crypt)
      throws KonnektorException;

  byte[] signDocument(
      KonnektorContext context,
      String cardHandle,
      Crypt crypt,
      byte[] content,
      boolean includeContent)
      throws KonnektorException;

  SignatureVerification verifyDocument(
      KonnektorContext context, byte[] signedData, byte[] detachedContent)
      throws KonnektorException;

  byte[] encryptDocument(
      KonnektorContext context,
      List<X509Certificate> recipients,
      byte[] content,
      ContentEncryption encryption)
      throws KonnektorException;

  byte[] decryptDocument(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] envelopedData)
      throws KonnektorException;

  byte[] externalAuthenticate(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] sha256Digest)
      throws KonnektorException;

  CardInfo issueTestCard(TestCardRequest request) throws KonnektorException;

  void revokeTestCard(String cardHandle) throws KonnektorException;

  byte[] testPkiOcspResponse(byte[] ocspRequest) throws KonnektorException;

  @Override
  void close();
}
