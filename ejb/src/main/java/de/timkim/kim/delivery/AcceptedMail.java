package de.timkim.kim.delivery;

import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.StoredBlob;
import java.util.List;

/**
 * A message the SMTP server has accepted and stored: what the delivery pipeline needs to bring it
 * to its recipients.
 *
 * @param sender the reverse-path, null for the null sender (reports, absence notes)
 * @param relayedIn whether another Fachdienst relayed it in (then every recipient is local: a relay
 *     is never relayed on)
 * @param blob the stored message, owned by the pipeline from here on
 */
public record AcceptedMail(
    KimAddress sender,
    DsnEnvelope envelope,
    List<DsnRecipient> recipients,
    boolean relayedIn,
    StoredBlob blob,
    long arrivalMillis) {

  public AcceptedMail {
    recipients = List.copyOf(recipients);
  }
}
