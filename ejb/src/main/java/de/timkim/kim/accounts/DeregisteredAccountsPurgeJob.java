package de.timkim.kim.accounts;

import de.timkim.platform.jobs.ClusterJobs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a minute on every node; the node that takes the cluster-wide lease deletes the accounts
 * whose retention after deregistration ({@code kim.deregistration.retention-days}) is over,
 * together with the mail they kept. Due is measured with the injected clock, so the run after the
 * clock passes the deregistration date deletes them; running often keeps that within a minute.
 */
@Singleton
public class DeregisteredAccountsPurgeJob {

  private static final Logger LOG = Logger.getLogger(DeregisteredAccountsPurgeJob.class.getName());

  static final String JOB = "kim-deregistered-accounts-purge";
  private static final int BATCH = 50;

  @Inject KimAccountService accounts;

  @Inject ClusterJobs jobs;

  // each batch commits on its own (and its blobs go then), not all in the timer's transaction
  @Schedule(hour = "*", minute = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void everyMinute() {
    String node = System.getProperty("jboss.node.name", "node");
    if (!jobs.tryLease(JOB, node, Duration.ofMinutes(10))) {
      return;
    }
    try {
      int purged;
      do {
        purged = accounts.purgeDeregistered(BATCH).size();
      } while (purged == BATCH);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Purging deregistered KIM accounts failed; the next run retries", e);
    } finally {
      jobs.release(JOB, node);
    }
  }
}
