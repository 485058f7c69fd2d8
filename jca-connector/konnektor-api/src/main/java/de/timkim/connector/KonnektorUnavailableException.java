package de.timkim.connector;

/**
 * The Konnektor did not answer in time, refused the connection, or no pooled connection became free
 * within the blocking timeout. Retrying later may help; the call did not reach a card.
 */
public class KonnektorUnavailableException extends KonnektorException {

  private static final long serialVersionUID = 1L;

  public KonnektorUnavailableException(String message, Throwable cause) {
    super(KonnektorErrorCode.NONE, message, cause);
  }
}
