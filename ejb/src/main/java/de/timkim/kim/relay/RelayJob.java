package de.timkim.kim.relay;

import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.tls.KimTls;
import de.timkim.platform.jobs.ClusterJobs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every ten seconds on every node; the node holding the cluster-wide lease sends what is due in the
 * relay queue, so each queued message is sent by one node at a time. A node that dies mid-run loses
 * the lease when it expires and another node carries on from the database.
 */
@Singleton
public class RelayJob {

  private static final Logger LOG = Logger.getLogger(RelayJob.class.getName());

  static final String JOB = "kim-relay";

  @Inject ClusterJobs jobs;

  @Inject RelayQueue queue;

  @Inject MailboxService mailboxes;

  @Inject KimTls tls;

  @Inject
  @ConfigProperty(name = "kim.relay.timeout-ms", defaultValue = "60000")
  int timeoutMs;

  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void sendDue() {
    String node = System.getProperty("jboss.node.name", "node");
    // long enough for a batch of slow peers; released as soon as the batch is done
    if (!jobs.tryLease(JOB, node, Duration.ofMinutes(30))) {
      return;
    }
    try {
      List<String> due = queue.due(20);
      if (due.isEmpty()) {
        return;
      }
      RelaySender sender = new RelaySender(tls.peerContext(), timeoutMs);
      for (String id : due) {
        try {
          attempt(sender, id);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Relay of " + id + " failed unexpectedly; it stays queued", e);
        }
      }
    } finally {
      jobs.release(JOB, node);
    }
  }

  private void attempt(RelaySender sender, String id) {
    QueuedRelay entry = queue.find(id);
    if (entry == null) {
      return;
    }
    RelaySender.Result result;
    try (InputStream message = mailboxes.read(entry.blob())) {
      result = sender.send(entry, message);
    } catch (IOException e) {
      result =
          new RelaySender.Result(
              List.of(), List.of(), entry.recipients(), "message unreadable: " + e.getMessage());
    }
    queue.recordAttempt(
        id, result.relayed(), result.refused(), result.pending(), result.temporaryError());
  }
}
