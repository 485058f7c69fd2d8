package de.timkim.connector;

/**
 * A Konnektor operation failed. {@link #code()} carries the Konnektor's error code (gematik TI
 * error codes such as 4004 "unknown card handle") where one exists, otherwise 0.
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
}
