package de.timkim.messenger.typing;

import de.timkim.platform.jobs.ClusterJobs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every five seconds on every node; the node holding the cluster-wide lease ends typing notices
 * whose timeout passed. Reads already hide them; this only tells waiting syncs.
 */
@Singleton
public class TypingExpiryJob {

  private static final Logger LOG = Logger.getLogger(TypingExpiryJob.class.getName());

  static final String JOB = "typing-expiry";

  @Inject TypingService typing;

  @Inject ClusterJobs jobs;

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void endExpiredOncePerCluster() {
    String node = System.getProperty("jboss.node.name", "node");
    if (!jobs.tryLease(JOB, node, Duration.ofMinutes(1))) {
      return;
    }
    try {
      typing.endExpired();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Ending expired typing notices failed; the next run retries", e);
    } finally {
      jobs.release(JOB, node);
    }
  }
}
