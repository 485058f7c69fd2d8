package de.timkim.connector;

/** No card with this handle (4101 "Karten-Handle ungültig"): it was never issued or was pulled. */
public class UnknownCardHandleException extends KonnektorException {

  private static final long serialVersionUID = 1L;

  public UnknownCardHandleException(int code, String message) {
    super(code, message);
  }

  public static UnknownCardHandleException forHandle(String cardHandle) {
    return new UnknownCardHandleException(
        KonnektorErrorCode.INVALID_CARD_HANDLE, "Karten-Handle ungültig: " + cardHandle);
  }
}
