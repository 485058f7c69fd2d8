package de.timkim.messenger.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one loop that pages through a room's events with a filter, behind /sync's filtered timelines
 * and /messages. Filtered events do not count towards the limit, as the spec's filters mean
 * (https://spec.matrix.org/v1.11/client-server-api/#filtering), so a sparse filter reads on page
 * after page until it has the limit, has read {@code maxRead} events, or has reached the end of the
 * range.
 */
public final class RoomEventScan {

  /** Pages grow to this size once the first page (sized to the limit) was not enough. */
  private static final int LATER_PAGE = 50;

  private RoomEventScan() {}

  /**
   * Reads at most {@code limit} events between the cursor and the bound, in the direction of the
   * scan: backwards those with bound &lt; position &lt;= cursor, newest first; forwards those with
   * cursor &lt; position &lt;= bound, oldest first.
   */
  @FunctionalInterface
  public interface Pages {
    List<StoredEvent> read(long cursor, long bound, int limit);
  }

  /**
   * The positions a scan covers, as tokens between events: backwards from {@code from} (events at
   * or before it) down to {@code bound} (events after it); forwards from {@code from} (events after
   * it) up to {@code bound} (events at or before it).
   */
  public record Range(boolean backwards, long from, long bound) {

    public static Range backwards(long from, long floor) {
      return new Range(true, from, floor);
    }

    public static Range forwards(long from, long ceiling) {
      return new Range(false, from, ceiling);
    }

    /** Whether positions of the range remain beyond the cursor. */
    public boolean remainsAfter(long cursor) {
      return backwards ? cursor > bound : cursor < bound;
    }

    long after(StoredEvent event) {
      return backwards ? event.streamOrdering() - 1 : event.streamOrdering();
    }
  }

  /**
   * What a scan found.
   *
   * @param events the events the filter showed, in reading order
   * @param cursor the token just past the last event read ({@code from} when none was read)
   * @param truncated the scan stopped at the limit or at {@code maxRead} with events left unread in
   *     the range (/sync's {@code limited})
   * @param hidden the filter hid at least one event read (its state must come in /sync's state)
   */
  public record Result(List<StoredEvent> events, long cursor, boolean truncated, boolean hidden) {}

  /**
   * Reads the range page by page and keeps the events {@code shown} passes, at most {@code limit},
   * reading at most {@code maxRead} events. It looks one event beyond a full result to tell whether
   * the result was {@link Result#truncated()}; that event is not counted as read.
   */
  public static Result scan(
      Pages pages, Range range, int limit, int maxRead, Predicate<StoredEvent> shown) {
    List<StoredEvent> picked = new ArrayList<>();
    boolean truncated = false;
    boolean hidden = false;
    long cursor = range.from();
    int read = 0;
    // one more than the limit, so a full result usually learns from its own page whether it is cut
    int page = limit + 1;
    scan:
    while (range.remainsAfter(cursor)) {
      List<StoredEvent> batch = pages.read(cursor, range.bound(), page);
      for (StoredEvent event : batch) {
        if (picked.size() >= limit || read >= maxRead) {
          truncated = true;
          break scan;
        }
        read++;
        cursor = range.after(event);
        if (shown.test(event)) {
          picked.add(event);
        } else {
          hidden = true;
        }
      }
      if (batch.size() < page) {
        break;
      }
      page = Math.max(page, LATER_PAGE);
    }
    return new Result(picked, cursor, truncated, hidden);
  }
}
