package de.timkim.connector;

/**
 * A Konnektor operation failed. {@link #code()} carries the Konnektor's error code (see {@link
 * KonnektorErrorCode}) where one exists, otherwise 0. Subclasses name the failures callers react to
 * differently; {@link #of(int, String)} turns a code from the wire back into the right one.
 */
public class KonnektorException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int code;

  public KonnektorException(int code, String message) {
    super(message);
    this.code = code;
  }

  public KonnektorException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The exception a Konnektor error code stands for, e.g. from a SOAP fault. */
  public static KonnektorException of(int code, String message) {
    return switch (code) {
      case KonnektorErrorCode.PIN_BLOCKED, KonnektorErrorCode.PIN_NOW_BLOCKED ->
          new CardLockedException(code, message);
      case KonnektorErrorCode.PIN_REJECTED -> new WrongPinException(message, -1);
      case KonnektorErrorCode.INVALID_CARD_HANDLE -> new UnknownCardHandleException(code, message);
      case KonnektorErrorCode.CERTIFICATE_NOT_VALID_TIME, KonnektorErrorCode.CERTIFICATE_REVOKED ->
          new CertificateInvalidException(code, message);
      default -> new KonnektorException(code, message);
    };
  }
}
