package de.timkim.messenger.stream;

import jakarta.annotation.Resource;
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
import javax.sql.DataSource;

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
   * The head first, then the open claims at or below it, in two statements: no claim at or below a
   * committed head can be made later (claims take positions above the head), so a claim missing
   * from the second read has ended, whatever the database's snapshot rules within one statement.
   */
  private static final String HEAD = "SELECT position FROM stream_head WHERE id = 1";

  private static final String LOWEST_OPEN_CLAIM =
      "SELECT MIN(first_position) FROM stream_in_flight WHERE first_position <= ?1"
          + " AND claimed_at > ?2";

  private static final String LOWEST_OPEN_CLAIM_JDBC = LOWEST_OPEN_CLAIM.replaceAll("\\?\\d", "?");

  /**
   * {@link #HEAD} and {@link #LOWEST_OPEN_CLAIM} in one round trip, for PostgreSQL only: all of a
   * statement there reads one snapshot, in which a head and the claim that moved it are both
   * visible or neither (they commit together), so the subquery cannot miss a claim below the head
   * it read. A database that lets the subquery read earlier than the head keeps the two statements.
   */
  private static final String WATERMARK_POSTGRESQL =
      "SELECT h.position, (SELECT MIN(f.first_position) FROM stream_in_flight f"
          + " WHERE f.first_position <= h.position AND f.claimed_at > ?1) FROM stream_head h"
          + " WHERE h.id = 1";

  private static final String WATERMARK_POSTGRESQL_JDBC =
      WATERMARK_POSTGRESQL.replaceAll("\\?\\d", "?");

  @PersistenceContext private EntityManager em;

  @Resource(lookup = "java:jboss/datasources/TimDS")
  private DataSource dataSource;

  private static volatile Boolean postgresql;

  /**
   * PostgreSQL does {@link #claim} in one statement: the head moves, the claim is recorded, and the
   * claim's commit is told not to wait for its WAL flush (the sender's own, synchronous commit
   * comes later and flushes it too; a claim lost in a crash belongs to a send that was lost too).
   */
  private static final String CLAIM_POSTGRESQL =
      "WITH head AS (UPDATE stream_head SET position = position + ? WHERE id = 1 RETURNING position),"
          + " no_flush_wait AS (SELECT set_config('synchronous_commit', 'off', true))"
          + " INSERT INTO stream_in_flight (first_position, claimed_at)"
          + " SELECT head.position - ? + 1, ? FROM head, no_flush_wait RETURNING first_position";

  /**
   * Takes {@code count} positions and records the claim, committed before this returns. It runs
   * outside the caller's JTA transaction on a connection of its own: on PostgreSQL its one
   * statement is its own transaction (one round trip, no JTA begin and commit); on H2 a local
   * transaction of three statements.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long claim(int count) {
    long now = System.currentTimeMillis();
    try (Connection c = dataSource.getConnection()) {
      if (isPostgresql()) {
        c.setAutoCommit(true);
        try (PreparedStatement claim = c.prepareStatement(CLAIM_POSTGRESQL)) {
          claim.setInt(1, count);
          claim.setInt(2, count);
          claim.setLong(3, now);
          try (ResultSet first = claim.executeQuery()) {
            first.next();
            return first.getLong(1);
          }
        }
      }
      return claimInLocalTransaction(c, count, now);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not claim stream positions", e);
    }
  }

  private static long claimInLocalTransaction(Connection c, int count, long now)
      throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement advance =
            c.prepareStatement("UPDATE stream_head SET position = position + ? WHERE id = 1");
        PreparedStatement head = c.prepareStatement(HEAD);
        PreparedStatement record =
            c.prepareStatement(
                "INSERT INTO stream_in_flight (first_position, claimed_at) VALUES (?, ?)")) {
      advance.setInt(1, count);
      advance.executeUpdate();
      long first;
      try (ResultSet last = head.executeQuery()) {
        last.next();
        first = last.getLong(1) - count + 1;
      }
      record.setLong(1, first);
      record.setLong(2, now);
      record.executeUpdate();
      c.commit();
      return first;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /**
   * Moves the head on by {@code count} and returns the first position taken. The row stays locked
   * until the transaction of {@code em} ends.
   */
  public static long advanceHead(EntityManager em, int count) {
    em.createNativeQuery("UPDATE stream_head SET position = position + ?1 WHERE id = 1")
        .setParameter(1, count)
        .executeUpdate();
    long last = ((Number) em.createNativeQuery(HEAD).getSingleResult()).longValue();
    return last - count + 1;
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
    long abandoned = System.currentTimeMillis() - ABANDONED_AFTER_MS;
    if (isPostgresql()) {
      Object[] row =
          (Object[])
              em.createNativeQuery(WATERMARK_POSTGRESQL)
                  .setParameter(1, abandoned)
                  .getSingleResult();
      return watermark(((Number) row[0]).longValue(), row[1]);
    }
    long head = ((Number) em.createNativeQuery(HEAD).getSingleResult()).longValue();
    Object lowest =
        em.createNativeQuery(LOWEST_OPEN_CLAIM)
            .setParameter(1, head)
            .setParameter(2, abandoned)
            .getSingleResult();
    return watermark(head, lowest);
  }

  /** {@link #persistedUpTo} on a plain connection, for code outside a persistence context. */
  public static long persistedUpTo(Connection c) throws SQLException {
    long abandoned = System.currentTimeMillis() - ABANDONED_AFTER_MS;
    if (isPostgresql(c)) {
      try (PreparedStatement s = c.prepareStatement(WATERMARK_POSTGRESQL_JDBC)) {
        s.setLong(1, abandoned);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? watermark(r.getLong(1), r.getObject(2)) : 0;
        }
      }
    }
    long head;
    try (PreparedStatement s = c.prepareStatement(HEAD);
        ResultSet r = s.executeQuery()) {
      head = r.next() ? r.getLong(1) : 0;
    }
    try (PreparedStatement s = c.prepareStatement(LOWEST_OPEN_CLAIM_JDBC)) {
      s.setLong(1, head);
      s.setLong(2, abandoned);
      try (ResultSet r = s.executeQuery()) {
        return watermark(head, r.next() ? r.getObject(1) : null);
      }
    }
  }

  private static long watermark(long head, Object lowestOpenClaim) {
    return lowestOpenClaim == null ? head : ((Number) lowestOpenClaim).longValue() - 1;
  }

  private boolean isPostgresql() {
    if (postgresql == null) {
      try (Connection c = dataSource.getConnection()) {
        return isPostgresql(c);
      } catch (SQLException e) {
        // asked again with the next claim
        return false;
      }
    }
    return postgresql;
  }

  private static boolean isPostgresql(Connection c) throws SQLException {
    Boolean known = postgresql;
    if (known == null) {
      known = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgresql");
      postgresql = known;
    }
    return known;
  }
}
