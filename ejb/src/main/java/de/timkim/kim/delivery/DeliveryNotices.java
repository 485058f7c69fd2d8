package de.timkim.kim.delivery;

import de.timkim.kim.absence.AbsenceNoteService;
import de.timkim.kim.dsn.DeliveryReports;
import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mailbox.MailboxService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The messages the Fachdienst writes itself once a message is in: the delivery report the sender
 * asked for (RFC 3461, Apache James's DSNBounce) and the absence notes of recipients who are away
 * (RFC 3834). The message is already accepted, so a failure here is logged, not answered to the
 * client.
 */
@ApplicationScoped
public class DeliveryNotices {

  private static final Logger LOG = Logger.getLogger(DeliveryNotices.class.getName());

  /** Enough for any real header block; reports and absence notes quote no more. */
  public static final int HEADER_LIMIT_BYTES = 64 * 1024;

  @Inject MailboxService mailboxes;

  @Inject DeliveryReports reports;

  @Inject AbsenceNoteService absenceNotes;

  /** Reports {@code outcomes} to the sender as asked and answers for the recipients away. */
  public void sendAfterDelivery(AcceptedMail mail, List<DeliveryOutcome> outcomes) {
    byte[] headers;
    try {
      headers = mailboxes.headersOf(mail.blob(), HEADER_LIMIT_BYTES);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING, "Could not read back the header of a message from " + mail.sender(), e);
      headers = new byte[0];
    }
    try {
      reports.notifySender(mail.sender(), mail.envelope(), outcomes, headers, mail.arrivalMillis());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not write the delivery report for " + mail.sender(), e);
    }
    for (DeliveryOutcome outcome : outcomes) {
      if (outcome.action() != DeliveryOutcome.Action.DELIVERED) {
        continue;
      }
      try {
        absenceNotes.answer(outcome.recipient().address(), mail.sender(), headers);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Could not send the absence note of " + outcome.recipient().address(),
            e);
      }
    }
  }
}
