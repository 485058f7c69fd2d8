package de.timkim.connector;

/**
 * A certificate the operation needs is not valid: outside its validity period (1021
 * CERTIFICATE_NOT_VALID_TIME) or revoked (1047 CERT_REVOKED), as gemSpec_PKI's certificate check
 * reports it.
 */
public class CertificateInvalidException extends KonnektorException {

  private static final long serialVersionUID = 1L;

  public CertificateInvalidException(int code, String message) {
    super(code, message);
  }

  public boolean revoked() {
    return code() == KonnektorErrorCode.CERTIFICATE_REVOKED;
  }

  public boolean expired() {
    return code() == KonnektorErrorCode.CERTIFICATE_NOT_VALID_TIME;
  }
}
