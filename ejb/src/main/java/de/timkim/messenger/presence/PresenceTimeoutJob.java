package de.timkim.messenger.presence;

import de.timkim.platform.jobs.ClusterJobs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 30 seconds on every node; the node holding the cluster-wide lease writes offline for users
 * who stopped syncing. Reads already compute it; this only tells waiting syncs.
 */
@Singleton
public class PresenceTimeoutJob {

  private static final Logger LOG = Logger.getLogger(PresenceTimeoutJob.class.getName());

  static final String JOB = "presence-timeout";

  @Inject PresenceService presence;

  @Inject ClusterJobs jobs;

  @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
  void markIdleOfflineOncePerCluster() {
    String node = System.getProperty("jboss.node.name", "node");
    if (!jobs.tryLease(JOB, node, Duration.ofMinutes(1))) {
      return;
    }
    try {
      presence.markIdleOffline();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Marking idle users offline failed; the next run retries", e);
    } finally {
      jobs.release(JOB, node);
    }
  }
}
