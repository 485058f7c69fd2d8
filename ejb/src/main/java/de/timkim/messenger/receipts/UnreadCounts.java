package de.timkim.messenger.receipts;

import de.timkim.messenger.push.EventNotifications;
import de.timkim.messenger.push.EventNotifications.Counts;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * unread_notifications and unread_thread_notifications of a joined room in /sync
 * (https://spec.matrix.org/v1.11/client-server-api/#receiving-notifications): the recorded
 * notifications after the user's read receipt. A notification in thread T counts when it is after
 * both the unthreaded receipt and the receipt for T, as in Synapse.
 */
@Stateless
public class UnreadCounts {

  @PersistenceContext private EntityManager em;

  @Inject private EventNotifications notifications;

  /** The counts; {@code threads} is null unless the filter asked for them per thread. */
  public record Unread(JsonObject room, JsonObject threads) {}

  public Unread forRoom(String user, String roomId, boolean perThread) {
    Map<String, Long> read = new HashMap<>();
    Map<String, Counts> counts = new HashMap<>();
    readAndCounted(user, roomId, read, counts);
    long unthreaded = read.getOrDefault(ReceiptService.UNTHREADED, -1L);
    for (var entry : read.entrySet()) {
      String thread = entry.getKey();
      if (!thread.isEmpty() && entry.getValue() > unthreaded && counts.containsKey(thread)) {
        Counts later =
            notifications.countsAfter(user, roomId, entry.getValue(), thread).get(thread);
        if (later == null) {
          counts.remove(thread);
        } else {
          counts.put(thread, later);
        }
      }
    }
    long notificationCount = 0;
    long highlightCount = 0;
    JsonObjectBuilder threads = Jsonp.createObjectBuilder();
    for (var entry : counts.entrySet()) {
      boolean main = EventNotifications.MAIN_TIMELINE.equals(entry.getKey());
      if (perThread && !main) {
        threads.add(entry.getKey(), json(entry.getValue()));
      } else {
        notificationCount += entry.getValue().notifications();
        highlightCount += entry.getValue().highlights();
      }
    }
    return new Unread(
        json(new Counts(notificationCount, highlightCount)), perThread ? threads.build() : null);
  }

  /**
   * The user's read receipts per thread ({@link ReceiptService#readUpTo}) and the notifications
   * after the unthreaded one ({@link EventNotifications#countsAfter}) in one round trip: /sync asks
   * for every room it sends.
   */
  @SuppressWarnings("unchecked")
  private void readAndCounted(
      String user, String roomId, Map<String, Long> read, Map<String, Counts> counts) {
    String readTypes =
        " AND receipt_type IN ('"
            + ReceiptService.READ
            + "', '"
            + ReceiptService.READ_PRIVATE
            + "')";
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT 'r', thread_id, MAX(event_stream_ordering), 0 FROM receipt"
                    + " WHERE room_id = ?2 AND user_id = ?1"
                    + readTypes
                    + " GROUP BY thread_id"
                    + " UNION ALL SELECT 'n', thread_id, COUNT(*), SUM(CASE WHEN highlight THEN 1 ELSE 0 END)"
                    + " FROM event_push_action WHERE user_id = ?1 AND room_id = ?2"
                    + " AND event_stream_ordering > COALESCE((SELECT MAX(event_stream_ordering)"
                    + " FROM receipt WHERE room_id = ?2 AND user_id = ?1"
                    + readTypes
                    + " AND thread_id = ?3), -1) GROUP BY thread_id")
            .setParameter(1, user)
            .setParameter(2, roomId)
            .setParameter(3, ReceiptService.UNTHREADED)
            .getResultList();
    for (Object[] row : rows) {
      String thread = (String) row[1];
      if ("r".equals(String.valueOf(row[0]))) {
        read.put(thread, ((Number) row[2]).longValue());
      } else {
        counts.put(
            thread,
            new Counts(
                ((Number) row[2]).longValue(), row[3] == null ? 0 : ((Number) row[3]).longValue()));
      }
    }
  }

  private static JsonObject json(Counts counts) {
    return Jsonp.createObjectBuilder()
        .add("notification_count", counts.notifications())
        .add("highlight_count", counts.highlights())
        .build();
  }
}
