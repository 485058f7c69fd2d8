package de.timkim.kim.mail;

/**
 * What became of one recipient: the RFC 3464 §2.3.3 action, the RFC 3463 status and, for failures,
 * the SMTP reply or reason that explains it.
 */
public record DeliveryOutcome(
    DsnRecipient recipient, Action action, String status, String diagnostic) {

  /** RFC 3464 §2.3.3 actions the Fachdienst reports. */
  public enum Action {
    DELIVERED,
    RELAYED,
    FAILED
  }

  public static DeliveryOutcome delivered(DsnRecipient recipient) {
    return new DeliveryOutcome(recipient, Action.DELIVERED, "2.0.0", null);
  }

  public static DeliveryOutcome relayed(DsnRecipient recipient) {
    return new DeliveryOutcome(recipient, Action.RELAYED, "2.0.0", null);
  }

  public static DeliveryOutcome failed(DsnRecipient recipient, String status, String diagnostic) {
    return new DeliveryOutcome(recipient, Action.FAILED, status, diagnostic);
  }

  /** The NOTIFY condition this outcome answers to. */
  public Notify event() {
    return action == Action.FAILED ? Notify.FAILURE : Notify.SUCCESS;
  }
}
