package de.timkim.messenger.accounts;

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
 * Once a minute on every node; the node that takes the cluster-wide lease deletes the
 * user-interactive authentication sessions past their lifetime. Anybody can open one without a
 * token ({@code POST /register {}}), so without this the table only grows.
 */
@Singleton
public class UiaSessionPurgeJob {

  private static final Logger LOG = Logger.getLogger(UiaSessionPurgeJob.class.getName());

  static final String JOB = "uia-session-purge";

  @Inject UserInteractiveAuth uia;

  @Inject ClusterJobs jobs;

  @Schedule(hour = "*", minute = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void everyMinute() {
    String node = System.getProperty("jboss.node.name", "node");
    if (!jobs.tryLease(JOB, node, Duration.ofMinutes(5))) {
      return;
    }
    try {
      int purged = uia.purgeExpired();
      if (purged > 0) {
        LOG.fine(() -> "Purged " + purged + " expired UIA sessions");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Purging expired UIA sessions failed; the next run retries", e);
    } finally {
      jobs.release(JOB, node);
    }
  }
}
