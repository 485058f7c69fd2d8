package de.timkim.messenger.receipts;

import de.timkim.messenger.push.EventNotifications;
import de.timkim.messenger.push.EventNotifications.Counts;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * unread_notifications and unread_thread_notifications of a joined room in /sync
 * (https://spec.matrix.org/v1.11/client-server-api/#receiving-notifications): the recorded
 * notifications after the user's read receipt. A notification in thread T counts when it is after
 * both the unthreaded receipt and the receipt for T, as in Synapse.
 */
@Stateless
public class UnreadCounts {

  @Inject private ReceiptService receipts;

  @Inject private EventNotifications notifications;

  /** The counts; {@code threads} is null unless the filter asked for them per thread. */
  public record Unread(JsonObject room, JsonObject threads) {}

  public Unread forRoom(String user, String roomId, boolean perThread) {
    Map<String, Long> read = receipts.readUpTo(user, roomId);
    long unthreaded = read.getOrDefault(ReceiptService.UNTHREADED, -1L);
    Map<String, Counts> counts = notifications.countsAfter(user, roomId, unthreaded, null);
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

  private static JsonObject json(Counts counts) {
    return Jsonp.createObjectBuilder()
        .add("notification_count", counts.notifications())
        .add("highlight_count", counts.highlights())
        .build();
  }
}
