package de.timkim.messenger.events;

import de.timkim.messenger.stream.StreamPositions;
import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Persistence of room events and the global stream position. */
@Stateless
public class EventStore {

  private static final Logger LOG = Logger.getLogger(EventStore.class.getName());

  /** Marks a transaction that holds the stream_head row lock until it ends. */
  private static final Object HOLDS_STREAM_HEAD = EventStore.class.getName() + ".holdsStreamHead";

  @PersistenceContext private EntityManager em;

  @Inject private StreamPositions positions;

  @Resource private TransactionSynchronizationRegistry transactions;

  /**
   * Reserves {@code count} stream positions and returns the first. The row lock taken here is held
   * until the caller's transaction commits, so callers do it last, just before persisting.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public long allocatePositions(int count) {
    transactions.putResource(HOLDS_STREAM_HEAD, Boolean.TRUE);
    return StreamPositions.advanceHead(em, count);
  }

  /**
   * Claims {@code count} stream positions without keeping the stream_head row locked: the claim
   * commits at once (on a second pooled connection) and the caller's transaction deletes it, so the
   * positions count as persisted exactly when the caller commits; a rollback releases them. Unlike
   * {@link #allocatePositions} this does not serialise the caller against other writers, so only
   * callers serialised otherwise (room events: the room's row lock) use it.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public long claimPositions(int count) {
    if (transactions.getResource(HOLDS_STREAM_HEAD) != null) {
      // the claim's own transaction would wait for this one's row lock forever
      return allocatePositions(count);
    }
    long first = positions.claim(count);
    AfterTransaction.onRollback(
        transactions,
        () -> {
          try {
            positions.release(first);
          } catch (RuntimeException e) {
            // the claim expires on its own (StreamPositions.ABANDONED_AFTER_MS)
            LOG.log(Level.WARNING, "Could not release stream position claim " + first, e);
          }
        });
    em.createNativeQuery("DELETE FROM stream_in_flight WHERE first_position = ?1")
        .setParameter(1, first)
        .executeUpdate();
    return first;
  }

  /**
   * The highest stream position up to which every event is committed (or rolled back for good):
   * positions claimed by transactions still running hold it back.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long currentPosition() {
    return positions.persistedUpTo();
  }

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void persist(StoredEvent event) {
    em.persist(event);
  }

  public Optional<StoredEvent> byId(String eventId) {
    return em.createQuery("select e from StoredEvent e where e.eventId = :id", StoredEvent.class)
        .setParameter("id", eventId)
        .getResultStream()
        .findFirst();
  }

  public Optional<StoredEvent> byTransaction(String sender, String deviceId, String txnId) {
    return em.createQuery(
            "select e from StoredEvent e where e.sender = :s and e.txnDevice = :d and e.txnId = :t",
            StoredEvent.class)
        .setParameter("s", sender)
        .setParameter("d", deviceId)
        .setParameter("t", txnId)
        .getResultStream()
        .findFirst();
  }

  public Optional<StoredEvent> latestInRoom(String roomId) {
    return em.createQuery(
            "select e from StoredEvent e where e.roomId = :r order by e.streamOrdering desc",
            StoredEvent.class)
        .setParameter("r", roomId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * The room's first event with origin_server_ts at or after {@code ts} (forwards) or its last at
   * or before it (backwards), among positions up to {@code upTo}.
   */
  public Optional<StoredEvent> nearTimestamp(String roomId, long ts, boolean forwards, long upTo) {
    return em.createQuery(
            forwards
                ? "select e from StoredEvent e where e.roomId = :r and e.originServerTs >= :ts"
                    + " and e.streamOrdering <= :upTo"
                    + " order by e.originServerTs asc, e.streamOrdering asc"
                : "select e from StoredEvent e where e.roomId = :r and e.originServerTs <= :ts"
                    + " and e.streamOrdering <= :upTo"
                    + " order by e.originServerTs desc, e.streamOrdering desc",
            StoredEvent.class)
        .setParameter("r", roomId)
        .setParameter("ts", ts)
        .setParameter("upTo", upTo)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * A thread of a room: its root's ID, the position of its latest reply, how many replies it has,
   * and whether {@code participant} wrote one of them.
   */
  public record ThreadActivity(
      String rootId, long latest, long count, boolean participantReplied) {}

  /**
   * The room's threads (events others relate to with m.thread) whose latest reply up to {@code
   * upTo} lies below {@code before}, most recently active first, at most {@code limit}; with {@code
   * onlyParticipated} only those {@code participant} started or replied to.
   */
  public List<ThreadActivity> threads(
      String roomId,
      long upTo,
      long before,
      String participant,
      boolean onlyParticipated,
      int limit) {
    String mine = "SUM(CASE WHEN t.sender = ?4 THEN 1 ELSE 0 END)";
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT t.relates_to, MAX(t.stream_ordering), COUNT(*), "
                    + mine
                    + " FROM room_event t WHERE t.room_id = ?1 AND t.rel_type = 'm.thread'"
                    + " AND t.stream_ordering <= ?2 GROUP BY t.relates_to"
                    + " HAVING MAX(t.stream_ordering) < ?3"
                    + (onlyParticipated
                        ? " AND ("
                            + mine
                            + " > 0 OR EXISTS (SELECT 1 FROM room_event r"
                            + " WHERE r.event_id = t.relates_to AND r.sender = ?4))"
                        : "")
                    + " ORDER BY MAX(t.stream_ordering) DESC")
            .setParameter(1, roomId)
            .setParameter(2, upTo)
            .setParameter(3, before)
            .setParameter(4, participant)
            .setMaxResults(limit)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new ThreadActivity(
                    (String) row[0],
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue() > 0))
        .toList();
  }

  public Optional<StoredEvent> atPosition(long position) {
    return Optional.ofNullable(em.find(StoredEvent.class, position));
  }

  /** Events of a room with from &lt; position &lt;= to, newest first, at most limit. */
  public List<StoredEvent> roomEventsBackwards(
      String roomId, long fromExclusive, long toInclusive, int limit) {
    return em.createQuery(
            "select e from StoredEvent e where e.roomId = :r and e.streamOrdering > :from"
                + " and e.streamOrdering <= :to order by e.streamOrdering desc",
            StoredEvent.class)
        .setParameter("r", roomId)
        .setParameter("from", fromExclusive)
        .setParameter("to", toInclusive)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Events of a room with from &lt;= position &lt; to, oldest first, at most limit. */
  public List<StoredEvent> roomEventsForwards(
      String roomId, long fromInclusive, long toExclusive, int limit) {
    return em.createQuery(
            "select e from StoredEvent e where e.roomId = :r and e.streamOrdering >= :from"
                + " and e.streamOrdering < :to order by e.streamOrdering asc",
            StoredEvent.class)
        .setParameter("r", roomId)
        .setParameter("from", fromInclusive)
        .setParameter("to", toExclusive)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * The events of a room in the range that {@code shown} passes, at most {@code limit}, reading at
   * most {@code maxRead} events: see {@link RoomEventScan}.
   */
  public RoomEventScan.Result scan(
      String roomId,
      RoomEventScan.Range range,
      int limit,
      int maxRead,
      Predicate<StoredEvent> shown) {
    RoomEventScan.Pages pages =
        range.backwards()
            ? (cursor, floor, page) -> roomEventsBackwards(roomId, floor, cursor, page)
            : (cursor, ceiling, page) -> roomEventsForwards(roomId, cursor + 1, ceiling + 1, page);
    return RoomEventScan.scan(pages, range, limit, maxRead, shown);
  }

  /**
   * As {@link #scan(String, RoomEventScan.Range, int, int, Predicate)}, reading only the positions
   * in {@code visible}: history the reader may not see is skipped by its bounds, not read and
   * filtered, so a newcomer's first page below their join costs no scan of the room's past.
   */
  public RoomEventScan.Result scan(
      String roomId,
      RoomEventScan.Range range,
      int limit,
      int maxRead,
      Predicate<StoredEvent> shown,
      VisiblePositions visible) {
    if (visible == VisiblePositions.ALL) {
      return scan(roomId, range, limit, maxRead, shown);
    }
    RoomEventScan.Pages pages =
        range.backwards()
            ? (cursor, floor, page) -> visibleBackwards(roomId, visible, cursor, floor, page)
            : (cursor, ceiling, page) -> visibleForwards(roomId, visible, cursor, ceiling, page);
    return RoomEventScan.scan(
        pages, range, limit, maxRead, shown.and(e -> visible.contains(e.streamOrdering())));
  }

  /** Up to {@code page} visible events with floor &lt; position &lt;= cursor, newest first. */
  private List<StoredEvent> visibleBackwards(
      String roomId, VisiblePositions visible, long cursor, long floor, int page) {
    List<StoredEvent> out = new ArrayList<>();
    long top = cursor;
    while (out.size() < page) {
      Long high = visible.highestAtOrBelow(top);
      if (high == null || high <= floor) {
        break;
      }
      long low = visible.intervalOf(high)[0];
      long below = low == Long.MIN_VALUE ? floor : Math.max(floor, low - 1);
      int wanted = page - out.size();
      List<StoredEvent> batch = roomEventsBackwards(roomId, below, high, wanted);
      out.addAll(batch);
      if (batch.size() == wanted) {
        break;
      }
      top = below;
    }
    return out;
  }

  /** Up to {@code page} visible events with cursor &lt; position &lt;= ceiling, oldest first. */
  private List<StoredEvent> visibleForwards(
      String roomId, VisiblePositions visible, long cursor, long ceiling, int page) {
    List<StoredEvent> out = new ArrayList<>();
    long bottom = cursor + 1;
    while (out.size() < page && bottom <= ceiling) {
      Long low = visible.lowestAtOrAbove(bottom);
      if (low == null || low > ceiling) {
        break;
      }
      long high = Math.min(visible.intervalOf(low)[1], ceiling);
      int wanted = page - out.size();
      List<StoredEvent> batch =
          roomEventsForwards(roomId, low, high == Long.MAX_VALUE ? high : high + 1, wanted);
      out.addAll(batch);
      if (batch.size() == wanted || high == Long.MAX_VALUE) {
        break;
      }
      bottom = high + 1;
    }
    return out;
  }

  public List<StoredEvent> byIds(List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return List.of();
    }
    return em.createQuery("select e from StoredEvent e where e.eventId in :ids", StoredEvent.class)
        .setParameter("ids", eventIds)
        .getResultList();
  }

  /**
   * Events relating to {@code parent} with from &lt; position &lt;= to (backwards: newest first) or
   * from &lt;= position &lt; to (forwards), optionally of one rel_type and event type.
   */
  public List<StoredEvent> relations(
      String roomId,
      String parent,
      String relType,
      String eventType,
      long lower,
      long upper,
      boolean backwards,
      int limit) {
    String query =
        "select e from StoredEvent e where e.roomId = :r and e.relatesTo = :p"
            + (relType == null ? "" : " and e.relType = :t")
            + (eventType == null ? "" : " and e.type = :et")
            + (backwards
                ? " and e.streamOrdering > :lo and e.streamOrdering <= :hi"
                    + " order by e.streamOrdering desc"
                : " and e.streamOrdering >= :lo and e.streamOrdering < :hi"
                    + " order by e.streamOrdering asc");
    var q =
        em.createQuery(query, StoredEvent.class)
            .setParameter("r", roomId)
            .setParameter("p", parent)
            .setParameter("lo", lower)
            .setParameter("hi", upper)
            .setMaxResults(limit);
    if (relType != null) {
      q.setParameter("t", relType);
    }
    if (eventType != null) {
      q.setParameter("et", eventType);
    }
    return q.getResultList();
  }
}
