package de.timkim.messenger.events;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Claims of stream positions that are taken but not yet committed, and the "persisted up to"
 * watermark they hold back. A claim is its own short transaction, so the stream_head row lock is
 * held for two statements and a commit instead of a whole send; the sender deletes its claim in its
 * own transaction (see {@link EventStore#claimPositions}).
 */
@Stateless
public class StreamPositions {

  /**
   * A claim older than this belongs to a transaction that can no longer commit: WildFly's
   * transaction reaper rolls back after the default timeout of 300 s, so only claims of a node that
   * died mid-send (and could not release them) get this old.
   */
  static final long ABANDONED_AFTER_MS = TimeUnit.MINUTES.toMillis(6);

  /**
   * One statement, so one snapshot on PostgreSQL and H2: the head and the open claims are read
   * together. Every position at or below the result is committed or rolled back for good.
   */
  private static final String PERSISTED_UP_TO =
      "SELECT h.position, (SELECT MIN(f.first_position) FROM stream_in_flight f"
          + " WHERE f.claimed_at > ?) FROM stream_head h WHERE h.id = 1";

  @PersistenceContext private EntityManager em;

  /** Takes {@code count} positions and records the claim, committed before this returns. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long claim(int count) {
    em.createNativeQuery("UPDATE stream_head SET position = position + ?1 WHERE id = 1")
        .setParameter(1, count)
        .executeUpdate();
    long last =
        ((Number)
                em.createNativeQuery("SELECT position FROM stream_head WHERE id = 1")
                    .getSingleResult())
            .longValue();
    long first = last - count + 1;
    em.createNativeQuery(
            "INSERT INTO stream_in_flight (first_position, claimed_at) VALUES (?1, ?2)")
        .setParameter(1, first)
        .setParameter(2, System.currentTimeMillis())
        .executeUpdate();
    return first;
  }

  /** Ends a claim whose transaction rolled back: its positions stay unused. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void release(long first) {
    em.createNativeQuery("DELETE FROM stream_in_flight WHERE first_position = ?1")
        .setParameter(1, first)
        .executeUpdate();
  }

  /** Housekeeping: forgets claims that {@link #persistedUpTo} already ignores. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int forgetAbandoned() {
    return em.createNativeQuery("DELETE FROM stream_in_flight WHERE claimed_at <= ?1")
        .setParameter(1, System.currentTimeMillis() - ABANDONED_AFTER_MS)
        .executeUpdate();
  }

  /** The highest position up to which every event is visible. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long persistedUpTo() {
    Object[] row =
        (Object[])
            em.createNativeQuery(PERSISTED_UP_TO)
                .setParameter(1, System.currentTimeMillis() - ABANDONED_AFTER_MS)
                .getSingleResult();
    return watermark(row[0], row[1]);
  }

  /** {@link #persistedUpTo} on a plain connection, for code outside a persistence context. */
  public static long persistedUpTo(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(PERSISTED_UP_TO)) {
      s.setLong(1, System.currentTimeMillis() - ABANDONED_AFTER_MS);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? watermark(r.getObject(1), r.getObject(2)) : 0;
      }
    }
  }

  private static long watermark(Object head, Object lowestOpenClaim) {
    return lowestOpenClaim == null
        ? ((Number) head).longValue()
        : ((Number) lowestOpenClaim).longValue() - 1;
  }
}
