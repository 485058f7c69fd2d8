package de.timkim.kim.pop3;

import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mailbox.MailboxService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.logging.Logger;

/**
 * The maildrop lock of RFC 1939 §8 as a lease in the database, so it holds across the cluster: one
 * row per locked mailbox, naming the node and session that hold it and until when. The session
 * renews it while it lives; a lease past its expiry belongs to a session that died with its node
 * and is taken over. Each call commits on its own, so the lock is visible to every node at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MaildropLocks {

  private static final Logger LOG = Logger.getLogger(MaildropLocks.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private MailboxService mailboxes;

  /**
   * Locks {@code mailbox} for the session if nobody holds it or the holder's lease has expired.
   *
   * @return whether the session holds the lock now
   */
  public boolean acquire(KimAddress mailbox, String node, String session, long leaseMillis) {
    long now = clock.millis();
    // PostgreSQL makes a concurrent second insert wait for the first and then do nothing
    int inserted =
        em.createNativeQuery(
                "INSERT INTO kim_pop3_maildrop_lock"
                    + " (mailbox, owner_node, owner_session, acquired_at, expires_at)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
            .setParameter(1, mailbox.toString())
            .setParameter(2, node)
            .setParameter(3, session)
            .setParameter(4, now)
            .setParameter(5, now + leaseMillis)
            .executeUpdate();
    if (inserted == 1) {
      return true;
    }
    Object[] holder = holder(mailbox);
    int taken =
        em.createNativeQuery(
                "UPDATE kim_pop3_maildrop_lock SET owner_node = ?1, owner_session = ?2,"
                    + " acquired_at = ?3, expires_at = ?4 WHERE mailbox = ?5 AND expires_at < ?3")
            .setParameter(1, node)
            .setParameter(2, session)
            .setParameter(3, now)
            .setParameter(4, now + leaseMillis)
            .setParameter(5, mailbox.toString())
            .executeUpdate();
    if (taken == 1 && holder != null) {
      LOG.info(
          () ->
              "POP3 maildrop lock of "
                  + mailbox
                  + " taken over from the expired lease of session "
                  + holder[1]
                  + " on node "
                  + holder[0]);
    }
    return taken == 1;
  }

  /**
   * Extends the session's lease; false if the session no longer holds the lock (its lease expired
   * and another session took it over).
   */
  public boolean renew(KimAddress mailbox, String session, long leaseMillis) {
    return em.createNativeQuery(
                "UPDATE kim_pop3_maildrop_lock SET expires_at = ?1"
                    + " WHERE mailbox = ?2 AND owner_session = ?3")
            .setParameter(1, clock.millis() + leaseMillis)
            .setParameter(2, mailbox.toString())
            .setParameter(3, session)
            .executeUpdate()
        == 1;
  }

  /**
   * The UPDATE state of RFC 1939 §6: removes the messages the session marked, but only while it
   * still holds the lock. The renewal's row lock keeps a takeover out until the removal commits.
   *
   * @return false, with nothing removed, if the session lost the lock
   */
  public boolean removeAsHolder(
      KimAddress mailbox, String session, long leaseMillis, Collection<String> uids) {
    if (!renew(mailbox, session, leaseMillis)) {
      return false;
    }
    if (!uids.isEmpty()) {
      mailboxes.remove(mailbox, uids);
    }
    return true;
  }

  /** Gives the lock back; a lock another session has taken over stays with it. */
  public void release(KimAddress mailbox, String session) {
    em.createNativeQuery(
            "DELETE FROM kim_pop3_maildrop_lock WHERE mailbox = ?1 AND owner_session = ?2")
        .setParameter(1, mailbox.toString())
        .setParameter(2, session)
        .executeUpdate();
  }

  private Object[] holder(KimAddress mailbox) {
    var rows =
        em.createNativeQuery(
                "SELECT owner_node, owner_session FROM kim_pop3_maildrop_lock WHERE mailbox = ?1")
            .setParameter(1, mailbox.toString())
            .getResultList();
    return rows.isEmpty() ? null : (Object[]) rows.get(0);
  }
}
