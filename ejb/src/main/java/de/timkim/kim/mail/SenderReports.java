package de.timkim.kim.mail;

import java.util.List;

/**
 * Tells senders what became of their messages, as they asked with NOTIFY (RFC 3461). The relay
 * queue reports through this interface so that it stays below the delivery reports, which send
 * their reports through the relay queue.
 */
public interface SenderReports {

  /**
   * Sends one report for the outcomes the sender asked to hear about; nothing if it asked for none
   * of them, if the sender is the null reverse-path, or if there is no way to reach it.
   *
   * @return whether a report was written
   */
  boolean notifySender(
      KimAddress sender,
      DsnEnvelope envelope,
      List<DeliveryOutcome> outcomes,
      byte[] originalHeaders,
      long arrivalMillis);
}
