package de.timkim.kim.relay;

import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.Notify;
import de.timkim.kim.mail.StoredBlob;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Brings the messages the Fachdienst writes itself (delivery reports, bounces, absence notes) to
 * their recipient: into the mailbox here, or, for an address of another Fachdienst, through the
 * durable relay queue with the null reverse-path ({@code MAIL FROM:<>}, RFC 5321 §4.5.5, RFC 3461,
 * RFC 3834 §3.3), so that nothing ever answers them. A route wins over {@code kim.domains}, as for
 * mail submitted here.
 */
@Stateless
public class GeneratedMail {

  private static final Logger LOG = Logger.getLogger(GeneratedMail.class.getName());

  @Inject MailboxService mailboxes;

  @Inject KimDomains domains;

  @Inject RelayRoutes routes;

  @Inject RelayQueue queue;

  @Resource private TransactionSynchronizationRegistry transactions;

  /** Whether a generated message for {@code recipient} has a way to go. */
  public boolean reaches(KimAddress recipient) {
    return routes.routeFor(recipient).isPresent() || domains.isLocal(recipient);
  }

  /**
   * Delivers or queues {@code message} for {@code recipient}; {@code what} names it in the log.
   *
   * @return false if the recipient is neither here nor behind a route (logged, nothing kept)
   */
  public boolean deliver(KimAddress recipient, byte[] message, String what) {
    Optional<RelayRoutes.Route> route = routes.routeFor(recipient);
    if (route.isPresent()) {
      StoredBlob blob;
      try {
        blob = mailboxes.store(new byte[0], new ByteArrayInputStream(message), message.length);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not store a generated message", e);
      }
      AfterTransaction.onRollback(transactions, () -> mailboxes.discard(blob));
      try {
        // NOTIFY=NEVER as well: a report is never reported on (RFC 3461)
        queue.enqueue(
            null,
            DsnEnvelope.NONE,
            route.get(),
            List.of(new DsnRecipient(recipient, EnumSet.noneOf(Notify.class), null)),
            blob);
      } catch (RuntimeException e) {
        mailboxes.discard(blob);
        throw e;
      }
      LOG.info(() -> what + " for " + recipient + " queued for " + route.get());
      return true;
    }
    if (domains.isLocal(recipient)) {
      mailboxes.deliverGenerated(recipient, message);
      return true;
    }
    LOG.warning(
        () ->
            what
                + " for "
                + recipient
                + " not sent: no route to its Fachdienst (kim.relay.routes)");
    return false;
  }
}
