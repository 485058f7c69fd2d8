package de.timkim.platform.security.smcb;

/**
 * An SMC-B certificate was not accepted; the message says why in words an institution's
 * administrator can act on (never card data beyond the certificate's own fields).
 */
public final class SmcbRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the certificate. */
  public enum Reason {
    /** No chain to a TI trust anchor, or not an end entity's signing certificate. */
    UNTRUSTED,
    /** Not an SMC-B authentication certificate (policy OID C.HCI.AUT). */
    NOT_SMCB_AUTHENTICATION,
    /** No Telematik-ID in the admission extension, or a person's profession. */
    NO_INSTITUTION_IDENTITY,
    /** OCSP says revoked. */
    REVOKED,
    /** OCSP gave no usable answer (fail closed, finding 18). */
    STATUS_UNAVAILABLE
  }

  private final Reason reason;

  public SmcbRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
