package de.timkim.kim.pop3;

import de.timkim.kim.mail.KimAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One POP3 session's hold on its maildrop lock. The lease lasts the idle timeout plus a margin and
 * is renewed as commands arrive, so a live session (which the idle timeout closes after that long
 * without a command) never loses it, and a session whose node died frees the mailbox one lease
 * later.
 */
final class MaildropLease {

  private static final Logger LOG = Logger.getLogger(MaildropLease.class.getName());

  private final MaildropLocks locks;
  private final Clock clock;
  private final KimAddress mailbox;
  private final String session = UUID.randomUUID().toString().replace("-", "");
  private final Settings settings;
  private long renewedAt;
  private boolean released;
  private boolean lost;

  /** How long a lease lasts and how often a busy session renews it. */
  record Settings(long leaseMillis, long renewAfterMillis) {
    static Settings forIdleTimeout(int idleTimeoutSeconds) {
      // a margin above the idle timeout, renewed at most every half margin: a live session's
      // lease always outlasts the silence the idle timeout allows
      long margin = 60_000;
      return new Settings(idleTimeoutSeconds * 1000L + margin, margin / 2);
    }
  }

  private MaildropLease(
      MaildropLocks locks, Clock clock, KimAddress mailbox, Settings settings, long now) {
    this.locks = locks;
    this.clock = clock;
    this.mailbox = mailbox;
    this.settings = settings;
    this.renewedAt = now;
  }

  /** The lease of a new session on {@code mailbox}, or null if another session holds the lock. */
  static MaildropLease acquire(
      MaildropLocks locks, Clock clock, KimAddress mailbox, Settings settings) {
    MaildropLease lease = new MaildropLease(locks, clock, mailbox, settings, clock.millis());
    String node = System.getProperty("jboss.node.name", "node");
    return locks.acquire(mailbox, node, lease.session, settings.leaseMillis()) ? lease : null;
  }

  /** Renews the lease if it is due; false once the session has lost the lock to another session. */
  boolean renewIfDue() {
    if (released) {
      return true;
    }
    if (lost) {
      return false;
    }
    long now = clock.millis();
    if (now - renewedAt < settings.renewAfterMillis()) {
      return true;
    }
    if (!locks.renew(mailbox, session, settings.leaseMillis())) {
      lost = true;
      LOG.warning(() -> "POP3 session " + session + " lost the maildrop lock of " + mailbox);
      return false;
    }
    renewedAt = now;
    return true;
  }

  /** Deletes the marked messages if the session still holds the lock; false if it does not. */
  boolean removeAsHolder(String... uids) {
    return locks.removeAsHolder(mailbox, session, settings.leaseMillis(), Arrays.asList(uids));
  }

  /** Gives the lock back (QUIT, disconnect, idle timeout); safe to call more than once. */
  void release() {
    if (released) {
      return;
    }
    released = true;
    try {
      locks.release(mailbox, session);
    } catch (RuntimeException e) {
      // the lease then expires on its own
      LOG.log(Level.WARNING, "Could not release the POP3 maildrop lock of " + mailbox, e);
    }
  }
}
