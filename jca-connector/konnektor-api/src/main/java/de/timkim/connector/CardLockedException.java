package de.timkim.connector;

/**
 * The card's PIN is blocked (4063, or 4275 when this call's wrong entry blocked it): nothing that
 * needs the PIN works until it is unblocked with the PUK at a card terminal.
 */
public class CardLockedException extends KonnektorException {

  private static final long serialVersionUID = 1L;

  public CardLockedException(int code, String message) {
    super(code, message);
  }
}
