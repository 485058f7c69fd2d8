package de.timkim.kim.relay;

import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.SenderReports;
import de.timkim.kim.mail.StoredBlob;
import de.timkim.kim.mailbox.MailboxService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durable outbound queue: messages for other Fachdienste wait here (in the database, so they
 * survive restarts and any node can send them) until they are handed over or given up, and the
 * sender hears of either as it asked (RFC 3461).
 */
@Stateless
public class RelayQueue {

  private static final Logger LOG = Logger.getLogger(RelayQueue.class.getName());

  private static final int HEADER_LIMIT_BYTES = 64 * 1024;

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private MailboxService mailboxes;

  @Inject private SenderReports reports;

  @Inject
  @ConfigProperty(name = "kim.relay.max-attempts", defaultValue = "8")
  int maxAttempts;

  /**
   * Queues the message for the recipients behind one route; the queue now owns {@code blob}. A null
   * {@code sender} is the null reverse-path: nobody hears of the outcome.
   */
  public String enqueue(
      KimAddress sender,
      DsnEnvelope envelope,
      RelayRoutes.Route route,
      List<DsnRecipient> recipients,
      StoredBlob blob) {
    String id = UUID.randomUUID().toString().replace("-", "");
    em.persist(new QueuedRelay(id, sender, blob, route, recipients, envelope, clock.millis()));
    LOG.info(
        () ->
            "Queued "
                + id
                + " from "
                + (sender == null ? "<>" : sender)
                + " for "
                + recipients.size()
                + " via "
                + route);
    return id;
  }

  /** Ids of entries due for an attempt, oldest first. */
  public List<String> due(int limit) {
    return em
        .createNamedQuery("QueuedRelay.due", QueuedRelay.class)
        .setParameter("now", clock.millis())
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(QueuedRelay::id)
        .toList();
  }

  public QueuedRelay find(String id) {
    return em.find(QueuedRelay.class, id);
  }

  /**
   * Records the outcome of an attempt: handed-over and refused recipients are done (reports as
   * asked); if {@code temporaryError} is set, the others wait for the next attempt, or fail for
   * good once the attempts are used up.
   */
  public void recordAttempt(
      String id,
      List<DsnRecipient> relayed,
      List<DeliveryOutcome> refused,
      List<DsnRecipient> pending,
      String temporaryError) {
    QueuedRelay entry = em.find(QueuedRelay.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (entry == null) {
      return;
    }
    List<DeliveryOutcome> outcomes = new java.util.ArrayList<>(refused);
    relayed.forEach(r -> outcomes.add(DeliveryOutcome.relayed(r)));
    boolean giveUp = !pending.isEmpty() && entry.attempts() + 1 >= maxAttempts;
    if (giveUp) {
      for (DsnRecipient recipient : pending) {
        outcomes.add(
            DeliveryOutcome.failed(
                recipient,
                "4.4.1",
                "No answer from the recipient's KIM Fachdienst after "
                    + (entry.attempts() + 1)
                    + " attempts: "
                    + temporaryError));
      }
    }
    if (!outcomes.isEmpty()) {
      byte[] headers;
      try {
        headers = mailboxes.headersOf(entry.blob(), HEADER_LIMIT_BYTES);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not read the header of queued message " + id, e);
        headers = new byte[0];
      }
      reports.notifySender(entry.sender(), entry.envelope(), outcomes, headers, entry.arrivalAt());
    }
    if (pending.isEmpty() || giveUp) {
      em.remove(entry);
      StoredBlob blob = entry.blob();
      afterCommit(() -> mailboxes.discard(blob));
      LOG.info(
          () ->
              "Relay "
                  + id
                  + (giveUp ? " given up after " + (entry.attempts() + 1) + " attempts" : " done"));
    } else {
      long delay = backoffMillis(entry.attempts() + 1);
      entry.retryAt(clock.millis() + delay, temporaryError);
      LOG.info(
          () -> "Relay " + id + " failed (" + temporaryError + "), next try in " + delay + " ms");
    }
  }

  /** 1, 4, 16, 64 minutes, then every 4 hours. */
  static long backoffMillis(int attemptsMade) {
    long minutes = 1L << (2 * Math.min(attemptsMade - 1, 4));
    return Math.min(minutes, 240) * 60_000L;
  }

  @jakarta.annotation.Resource
  private jakarta.transaction.TransactionSynchronizationRegistry transactions;

  private void afterCommit(Runnable action) {
    transactions.registerInterposedSynchronization(
        new jakarta.transaction.Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
              action.run();
            }
          }
        });
  }
}
