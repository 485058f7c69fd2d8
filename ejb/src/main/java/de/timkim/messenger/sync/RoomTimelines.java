package de.timkim.messenger.sync;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.RoomEventScan;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.events.VisiblePositions;
import de.timkim.messenger.rooms.ClientEvents;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** The timeline section of /sync's joined and left rooms. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RoomTimelines {

  /** Events a filtered timeline reads at most per room and sync before it answers limited. */
  private static final int TIMELINE_SCAN = 1000;

  @Inject private EventStore events;

  /**
   * A room's timeline section: its events, whether it was cut, where it starts, and whether the
   * filter or the ignore list hid events of its range.
   */
  public record Slice(List<StoredEvent> events, boolean limited, long start, boolean hidden) {

    SyncResult.Timeline toResult(Requester requester, long wallClock) {
      return new SyncResult.Timeline(
          events.stream().map(e -> ClientEvents.toClient(e, requester, wallClock, false)).toList(),
          limited,
          start - 1);
    }
  }

  /**
   * The newest events of a room after {@code from} up to {@code upTo} that the filter shows, oldest
   * first, at most {@code limit}; limited when older events (shown or not) remain. Filtered events
   * do not count towards the limit, as the spec's filters mean, so a sparse filter reads on until
   * it has the limit or has read {@link #TIMELINE_SCAN} events (then the client paginates); the
   * paging is {@link RoomEventScan}'s, shared with /messages.
   */
  public Slice timeline(
      String roomId,
      Long from,
      long upTo,
      int limit,
      EventFilter filter,
      Predicate<StoredEvent> notIgnored,
      VisiblePositions visible) {
    if (!filter.allowsRoom(roomId)) {
      return new Slice(List.of(), false, upTo, true);
    }
    RoomEventScan.Result scan =
        events.scan(
            roomId,
            RoomEventScan.Range.backwards(upTo, from == null ? 0 : from),
            limit,
            TIMELINE_SCAN,
            filter.events().and(notIgnored),
            visible);
    List<StoredEvent> picked = new ArrayList<>(scan.events());
    Collections.reverse(picked);
    // a timeline cut before it found a shown event starts at the oldest event it read, so that
    // paginating from its prev_batch goes on below what the scan has already passed over
    long start =
        picked.isEmpty()
            ? (scan.truncated() ? scan.cursor() + 1 : upTo)
            : picked.get(0).streamOrdering();
    return new Slice(picked, scan.truncated(), start, scan.hidden());
  }
}
