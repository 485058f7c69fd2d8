package de.timkim.connector.adapter;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CertRef;
import de.timkim.connector.ContentEncryption;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorUnavailableException;
import de.timkim.connector.PinState;
import de.timkim.connector.PinType;
import de.timkim.connector.ProductInformation;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.backend.KonnektorBackend;
import java.security.cert.X509Certificate;
import java.util.List;

/** What an EJB holds: delegates to the managed connection's backend until closed. */
final class KonnektorConnectionHandle implements KonnektorConnection {

  private volatile KonnektorManagedConnection managed;

  KonnektorConnectionHandle(KonnektorManagedConnection managed) {
    this.managed = managed;
  }

  void reassociate(KonnektorManagedConnection other) {
    this.managed = other;
  }

  void invalidate() {
    this.managed = null;
  }

  @FunctionalInterface
  private interface Call<T> {
    T on(KonnektorBackend backend) throws KonnektorException;
  }

  /**
   * Runs one backend call. A backend that did not answer or broke makes the pool drop this managed
   * connection (connection error event), so the next caller gets a fresh one.
   */
  private <T> T call(Call<T> call) throws KonnektorException {
    KonnektorManagedConnection current = managed;
    if (current == null) {
      throw new KonnektorException(0, "The Konnektor connection is closed");
    }
    try {
      return call.on(current.backend());
    } catch (KonnektorUnavailableException e) {
      current.backendFailed(this, e);
      throw e;
    } catch (RuntimeException e) {
      current.backendFailed(this, e);
      throw new KonnektorException(0, "Konnektor backend failed: " + e, e);
    }
  }

  @Override
  public ProductInformation productInformation() throws KonnektorException {
    return call(KonnektorBackend::productInformation);
  }

  @Override
  public List<CardInfo> getCards(KonnektorContext context) throws KonnektorException {
    return call(backend -> backend.getCards(context));
  }

  @Override
  public PinState getPinStatus(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException {
    return call(backend -> backend.getPinStatus(context, cardHandle, pin));
  }

  @Override
  public PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException {
    return call(backend -> backend.verifyPin(context, cardHandle, pin, null));
  }

  @Override
  public PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin, char[] value)
      throws KonnektorException {
    if (value == null) {
      throw new IllegalArgumentException("PIN value missing");
    }
    return call(backend -> backend.verifyPin(context, cardHandle, pin, value));
  }

  @Override
  public X509Certificate readCardCertificate(
      KonnektorContext context, String cardHandle, CertRef ref, Crypt crypt)
      throws KonnektorException {
    return call(backend -> backend.readCardCertificate(context, cardHandle, ref, crypt));
  }

  @Override
  public byte[] signDocument(
      KonnektorContext context,
      String cardHandle,
      Crypt crypt,
      byte[] content,
      boolean includeContent)
      throws KonnektorException {
    return call(
        backend -> backend.signDocument(context, cardHandle, crypt, content, includeContent));
  }

  @Override
  public SignatureVerification verifyDocument(
      KonnektorContext context, byte[] signedData, byte[] detachedContent)
      throws KonnektorException {
    return call(backend -> backend.verifyDocument(context, signedData, detachedContent));
  }

  @Override
  public byte[] encryptDocument(
      KonnektorContext context,
      List<X509Certificate> recipients,
      byte[] content,
      ContentEncryption encryption)
      throws KonnektorException {
    return call(backend -> backend.encryptDocument(context, recipients, content, encryption));
  }

  @Override
  public byte[] decryptDocument(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] envelopedData)
      throws KonnektorException {
    return call(backend -> backend.decryptDocument(context, cardHandle, crypt, envelopedData));
  }

  @Override
  public byte[] externalAuthenticate(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] sha256Digest)
      throws KonnektorException {
    return call(backend -> backend.externalAuthenticate(context, cardHandle, crypt, sha256Digest));
  }

  @Override
  public KonnektorContext defaultContext() {
    KonnektorManagedConnection current = managed;
    if (current == null) {
      throw new IllegalStateException("The Konnektor connection is closed");
    }
    return current.defaultContext();
  }

  @Override
  public CardInfo issueTestCard(TestCardRequest request) throws KonnektorException {
    return call(backend -> backend.issueTestCard(request));
  }

  @Override
  public void revokeTestCard(String cardHandle) throws KonnektorException {
    call(
        backend -> {
          backend.revokeTestCard(cardHandle);
          return null;
        });
  }

  @Override
  public byte[] testPkiOcspResponse(byte[] ocspRequest) throws KonnektorException {
    return call(backend -> backend.testPkiOcspResponse(ocspRequest));
  }

  @Override
  public void close() {
    KonnektorManagedConnection current = managed;
    if (current != null) {
      managed = null;
      current.handleClosed(this);
    }
  }
}
