package de.timkim.messenger.retention;

import de.timkim.messenger.ServerNames;
import de.timkim.platform.jobs.ClusterJobs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Nightly at 03:15 on every node; the node that takes the cluster-wide lease purges every messenger
 * service, the others skip. Operators can also start a run (admin API), which takes the same lease.
 */
@Singleton
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

  static final String JOB = "retention";

  @Inject ServerNames serverNames;

  @Inject RetentionService retention;

  @Inject ClusterJobs jobs;

  @Schedule(hour = "3", minute = "15", persistent = false)
  void nightly() {
    for (String serverName : serverNames.all()) {
      try {
        run(serverName);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Retention of " + serverName + " failed; next night retries", e);
      }
    }
  }

  /** Purges one messenger service unless another node is at it (then empty). */
  public Optional<RetentionService.Purged> run(String serverName) {
    String node = System.getProperty("jboss.node.name", "node");
    String job = JOB + ":" + serverName;
    if (!jobs.tryLease(job, node, Duration.ofHours(6))) {
      return Optional.empty();
    }
    try {
      return Optional.of(retention.purge(serverName));
    } finally {
      jobs.release(job, node);
    }
  }
}
