package de.timkim.kim.delivery;

/**
 * Nothing of the message was kept: the client must try again later (SMTP 451 4.3.0). The message
 * says what failed, in the words the client sees.
 */
public final class DeliveryDeferredException extends Exception {
  private static final long serialVersionUID = 1L;

  DeliveryDeferredException(String message) {
    super(message);
  }
}
