package de.timkim.connector;

/**
 * One caller's handle on the Konnektor. Operations follow the Konnektor's services in gematik's
 * api-telematik (EventService, CertificateService, SignatureService, EncryptionService, ...).
 */
public interface KonnektorConnection extends AutoCloseable {

  /** The Konnektor's product information (connector.sds ProductInformation). */
  ProductInformation productInformation() throws KonnektorException;

  /** Returns the handle to the pool. */
  @Override
  void close();
}
