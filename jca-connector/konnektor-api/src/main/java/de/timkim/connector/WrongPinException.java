package de.timkim.connector;

/** The PIN entered was wrong (4276, PinResult REJECTED); the PIN is not blocked yet. */
public class WrongPinException extends KonnektorException {

  private static final long serialVersionUID = 1L;

  private final int leftTries;

  public WrongPinException(String message, int leftTries) {
    super(KonnektorErrorCode.PIN_REJECTED, message);
    this.leftTries = leftTries;
  }

  /** Wrong entries left before the PIN blocks; -1 when the Konnektor did not say. */
  public int leftTries() {
    return leftTries;
  }
}
