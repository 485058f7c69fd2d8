package de.timkim.messenger.receipts;

import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.push.EventNotifications;
import de.timkim.messenger.rooms.HistoryAccess;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Receipts and read markers: stores each user's latest receipt per room, type and thread, sets the
 * fully-read marker (room account data m.fully_read), and hands /sync the m.receipt event. Private
 * receipts (m.read.private) are shown to their owner only.
 */
@Stateless
public class ReceiptService {

  public static final String READ = "m.read";
  public static final String READ_PRIVATE = "m.read.private";
  public static final String FULLY_READ = "m.fully_read";
  private static final Set<String> TYPES = Set.of(READ, READ_PRIVATE, FULLY_READ);

  /** thread_id of an unthreaded receipt in the table (the column is part of the key). */
  static final String UNTHREADED = "";

  @PersistenceContext private EntityManager em;

  @Inject private HistoryAccess history;

  @Inject private AccountDataService accountData;

  @Inject private EventStore events;

  @Inject private WakeAfterCommit wakeAfterCommit;

  @Inject private Clock clock;

  /**
   * POST /rooms/{roomId}/receipt/{receiptType}/{eventId}: the requester has read up to the event.
   * Only joined members, only for events they can see; a receipt older than the one stored for the
   * same thread changes nothing.
   */
  public void sendReceipt(
      Requester requester, String roomId, String receiptType, String eventId, String threadId) {
    if (!TYPES.contains(receiptType)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Unknown receipt type " + receiptType);
    }
    if (threadId != null && FULLY_READ.equals(receiptType)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "m.fully_read cannot be sent for a thread");
    }
    StoredEvent event = readableEvent(requester, roomId, eventId);
    if (FULLY_READ.equals(receiptType)) {
      accountData.set(
          requester.userId(),
          roomId,
          FULLY_READ,
          Jsonp.createObjectBuilder().add("event_id", eventId).build());
    } else {
      store(requester, event, receiptType, threadFor(requester, event, threadId));
    }
  }

  /**
   * POST /rooms/{roomId}/read_markers: the fully-read marker and (private) read receipts at once,
   * each optional; all are checked before any is set.
   */
  public void setReadMarkers(
      Requester requester, String roomId, String fullyRead, String read, String readPrivate) {
    Map<String, StoredEvent> markers = new LinkedHashMap<>();
    if (fullyRead != null) {
      markers.put(FULLY_READ, readableEvent(requester, roomId, fullyRead));
    }
    if (read != null) {
      markers.put(READ, readableEvent(requester, roomId, read));
    }
    if (readPrivate != null) {
      markers.put(READ_PRIVATE, readableEvent(requester, roomId, readPrivate));
    }
    for (var marker : markers.entrySet()) {
      if (FULLY_READ.equals(marker.getKey())) {
        accountData.set(
            requester.userId(),
            roomId,
            FULLY_READ,
            Jsonp.createObjectBuilder().add("event_id", marker.getValue().eventId()).build());
      } else {
        store(requester, marker.getValue(), marker.getKey(), UNTHREADED);
      }
    }
  }

  /**
   * The m.receipt event for /sync (https://spec.matrix.org/v1.11/client-server-api/#mreceipt) of
   * each room the viewer is joined to, by room ID: receipts written in (from, to] or, on an initial
   * sync, all current ones; others' private receipts are left out. One query for all rooms.
   */
  @SuppressWarnings("unchecked")
  public Map<String, JsonObject> receiptEvents(String viewer, Long from, long to) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT r.room_id, r.event_id, r.receipt_type, r.user_id, r.ts, r.thread_id"
                    + " FROM receipt r WHERE r.stream_ordering > ?1 AND r.stream_ordering <= ?2"
                    + " AND (r.receipt_type <> ?3 OR r.user_id = ?4) AND r.room_id IN"
                    + " (SELECT m.room_id FROM room_state m WHERE m.type = 'm.room.member'"
                    + " AND m.state_key = ?4 AND m.membership = 'join')"
                    + " ORDER BY r.stream_ordering")
            .setParameter(1, from == null ? -1L : from)
            .setParameter(2, to)
            .setParameter(3, READ_PRIVATE)
            .setParameter(4, viewer)
            .getResultList();
    // room → event → type → user → {ts, thread_id}
    Map<String, Map<String, Map<String, JsonObjectBuilder>>> byRoom = new LinkedHashMap<>();
    for (Object[] row : rows) {
      JsonObjectBuilder receipt =
          Jsonp.createObjectBuilder().add("ts", ((Number) row[4]).longValue());
      if (!UNTHREADED.equals(row[5])) {
        receipt.add("thread_id", (String) row[5]);
      }
      byRoom
          .computeIfAbsent((String) row[0], r -> new LinkedHashMap<>())
          .computeIfAbsent((String) row[1], e -> new LinkedHashMap<>())
          .computeIfAbsent((String) row[2], t -> Jsonp.createObjectBuilder())
          .add((String) row[3], receipt);
    }
    Map<String, JsonObject> events = new HashMap<>();
    byRoom.forEach(
        (roomId, byEvent) -> {
          JsonObjectBuilder content = Jsonp.createObjectBuilder();
          byEvent.forEach(
              (eventId, types) -> {
                JsonObjectBuilder perType = Jsonp.createObjectBuilder();
                types.forEach(perType::add);
                content.add(eventId, perType);
              });
          events.put(
              roomId,
              Jsonp.createObjectBuilder().add("type", "m.receipt").add("content", content).build());
        });
    return events;
  }

  private StoredEvent readableEvent(Requester requester, String roomId, String eventId) {
    OptionalLong visible = history.visibility(requester, roomId);
    if (visible.isEmpty() || visible.getAsLong() != Long.MAX_VALUE) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room");
    }
    return history
        .visibleEvent(requester, roomId, eventId)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown event"));
  }

  /**
   * The stored thread ID (https://spec.matrix.org/v1.11/client-server-api/#threaded-read-receipts):
   * "" when unthreaded; "main" unless the event is a reply in a thread; a thread root when it is
   * that event's thread, the event itself, or another event of the room (reactions to thread
   * replies carry no thread of their own, but clients file them under the thread).
   */
  private String threadFor(Requester requester, StoredEvent event, String threadId) {
    if (threadId == null) {
      return UNTHREADED;
    }
    String eventThread = EventNotifications.threadOf(event.content());
    boolean fits =
        EventNotifications.MAIN_TIMELINE.equals(threadId)
            ? EventNotifications.MAIN_TIMELINE.equals(eventThread)
            : threadId.equals(eventThread)
                || threadId.equals(event.eventId())
                || history.visibleEvent(requester, event.roomId(), threadId).isPresent();
    if (!fits) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "The event is not in thread " + threadId);
    }
    return threadId;
  }

  private void store(Requester requester, StoredEvent event, String type, String threadId) {
    String user = requester.userId().toString();
    // taking the position first serialises concurrent receipts (stream_head row lock), so the
    // update-or-insert below cannot race
    long position = events.allocatePositions(1);
    List<?> existing =
        em.createNativeQuery(
                "SELECT event_stream_ordering FROM receipt WHERE room_id = ?1 AND user_id = ?2"
                    + " AND receipt_type = ?3 AND thread_id = ?4")
            .setParameter(1, event.roomId())
            .setParameter(2, user)
            .setParameter(3, type)
            .setParameter(4, threadId)
            .getResultList();
    if (!existing.isEmpty()) {
      if (((Number) existing.get(0)).longValue() >= event.streamOrdering()) {
        return;
      }
      em.createNativeQuery(
              "UPDATE receipt SET event_id = ?1, event_stream_ordering = ?2, ts = ?3,"
                  + " stream_ordering = ?4 WHERE room_id = ?5 AND user_id = ?6"
                  + " AND receipt_type = ?7 AND thread_id = ?8")
          .setParameter(1, event.eventId())
          .setParameter(2, event.streamOrdering())
          .setParameter(3, clock.millis())
          .setParameter(4, position)
          .setParameter(5, event.roomId())
          .setParameter(6, user)
          .setParameter(7, type)
          .setParameter(8, threadId)
          .executeUpdate();
    } else {
      em.createNativeQuery(
              "INSERT INTO receipt (room_id, user_id, receipt_type, thread_id, event_id,"
                  + " event_stream_ordering, ts, stream_ordering)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
          .setParameter(1, event.roomId())
          .setParameter(2, user)
          .setParameter(3, type)
          .setParameter(4, threadId)
          .setParameter(5, event.eventId())
          .setParameter(6, event.streamOrdering())
          .setParameter(7, clock.millis())
          .setParameter(8, position)
          .executeUpdate();
    }
    wakeAfterCommit.register();
  }
}
