package de.timkim.messenger.events;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Persistence of room events and the global stream position. */
@Stateless
public class EventStore {

  @PersistenceContext private EntityManager em;

  /**
   * Reserves {@code count} stream positions and returns the first. The row lock taken here is held
   * until the caller's transaction commits, so callers do it last, just before persisting.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public long allocatePositions(int count) {
    em.createNativeQuery("UPDATE stream_head SET position = position + ?1 WHERE id = 1")
        .setParameter(1, count)
        .executeUpdate();
    long last =
        ((Number)
                em.createNativeQuery("SELECT position FROM stream_head WHERE id = 1")
                    .getSingleResult())
            .longValue();
    return last - count + 1;
  }

  /** The highest committed stream position: every event up to it is visible. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long currentPosition() {
    return ((Number)
            em.createNativeQuery("SELECT position FROM stream_head WHERE id = 1").getSingleResult())
        .longValue();
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
