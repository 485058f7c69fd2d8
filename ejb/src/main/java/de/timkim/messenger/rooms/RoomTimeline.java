package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.RoomEventScan;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.ignoring.IgnoredUsers;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading a room's timeline as far as {@link HistoryAccess} lets the requester: pages of /messages
 * (Synapse's {@code handlers/pagination.py}), the context of an event, relations, threads and the
 * event nearest a timestamp.
 */
@Stateless
public class RoomTimeline {

  @Inject private EventStore events;

  @Inject private HistoryAccess history;

  @Inject private RoomRepository rooms;

  @Inject private IgnoredUsers ignoring;

  /**
   * A page of history: events in order of the direction asked for, the tokens around them, and the
   * state a client needs to show them (the senders' member events when it lazy-loads members).
   */
  public record Page(List<StoredEvent> chunk, long start, Long end, List<StoredEvent> state) {

    Page(List<StoredEvent> chunk, long start, Long end) {
      this(chunk, start, end, List.of());
    }
  }

  /** A thread as /threads lists it: its root with the summary the spec bundles with it. */
  public record Thread(StoredEvent root, StoredEvent latest, long count, boolean participated) {}

  /** A page of threads and the token of the next, if there are more. */
  public record Threads(List<Thread> threads, Long next) {}

  /**
   * GET /v1/rooms/{roomId}/threads: the room's threads the requester can see, most recently active
   * first; {@code from} (a position from the last page) continues below it. With {@code
   * onlyParticipated} only threads the requester started or replied to.
   */
  public Threads threads(
      Requester requester, String roomId, boolean onlyParticipated, Long from, int limit) {
    limit = Math.max(1, limit);
    HistoryAccess.Access access = history.readable(requester, roomId);
    long visible = Math.min(access.upTo(), events.currentPosition());
    String user = requester.userId().toString();
    List<EventStore.ThreadActivity> found =
        events.threads(
            roomId,
            visible,
            from == null ? Long.MAX_VALUE : from,
            user,
            onlyParticipated,
            limit + 1);
    List<Thread> threads = new ArrayList<>();
    for (EventStore.ThreadActivity activity : found.subList(0, Math.min(limit, found.size()))) {
      // a relation may name an event of another room or one the requester cannot see yet
      Optional<StoredEvent> root = history.visibleEvent(access, roomId, activity.rootId());
      Optional<StoredEvent> latest = events.atPosition(activity.latest()).filter(access::shows);
      if (root.isPresent() && latest.isPresent()) {
        threads.add(
            new Thread(
                root.get(),
                latest.get(),
                activity.count(),
                activity.participantReplied() || root.get().sender().equals(user)));
      }
    }
    Long next = found.size() > limit ? found.get(limit - 1).latest() : null;
    return new Threads(threads, next);
  }

  /**
   * GET /v1/rooms/{roomId}/timestamp_to_event: the event the requester can see that is closest to
   * {@code ts} in the direction asked for (at or after it forwards, at or before it backwards), as
   * a client's "jump to date" needs it; M_NOT_FOUND when there is none on that side.
   */
  public StoredEvent eventNear(Requester requester, String roomId, long ts, boolean forwards) {
    HistoryAccess.Access access = history.readable(requester, roomId);
    long visible = Math.min(access.upTo(), events.currentPosition());
    return events
        .nearTimestamp(roomId, ts, forwards, visible)
        // the nearest event may be one history visibility hides: then none is told
        .filter(access::shows)
        .orElseThrow(
            () ->
                new MatrixException(
                    ErrorCode.M_NOT_FOUND,
                    "No event " + (forwards ? "at or after" : "at or before") + " " + ts));
  }

  /**
   * GET /v1/rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]: events relating to a
   * parent the requester can see, paginated like /messages (tokens are stream positions).
   */
  public Page relations(
      Requester requester,
      String roomId,
      String parent,
      String relType,
      String eventType,
      Long from,
      boolean backwards,
      Long to,
      int limit) {
    limit = Math.max(1, limit);
    HistoryAccess.Access access = history.readable(requester, roomId);
    long visible = Math.min(access.upTo(), events.currentPosition());
    history.event(access, roomId, parent);
    long start;
    List<StoredEvent> chunk;
    Long end;
    if (backwards) {
      start = from == null ? visible : Math.min(from, visible);
      long floor = to == null ? 0 : to;
      chunk = events.relations(roomId, parent, relType, eventType, floor, start, true, limit + 1);
      end = chunk.size() > limit ? chunk.get(limit - 1).streamOrdering() - 1 : null;
    } else {
      start = from == null ? 0 : from;
      long ceiling = to == null ? visible : Math.min(to, visible);
      chunk =
          events.relations(
              roomId, parent, relType, eventType, start + 1, ceiling + 1, false, limit + 1);
      end = chunk.size() > limit ? chunk.get(limit - 1).streamOrdering() : null;
    }
    // relations history visibility hides drop out of the page; the tokens stay those of the reads
    List<StoredEvent> page = chunk.size() > limit ? chunk.subList(0, limit) : chunk;
    return new Page(page.stream().filter(access::shows).toList(), start, end);
  }

  /**
   * GET /messages. A token is a stream position between events: backwards from T returns events at
   * or before T, forwards from T events after T. With {@code lazyLoadMembers} the page's state
   * holds the member events of the chunk's senders.
   */
  public Page messages(
      Requester requester,
      String roomId,
      Long from,
      boolean backwards,
      Long to,
      int limit,
      Predicate<StoredEvent> requested,
      boolean lazyLoadMembers) {
    return messages(
        requester,
        history.readable(requester, roomId),
        roomId,
        from,
        backwards,
        to,
        limit,
        requested,
        lazyLoadMembers);
  }

  private Page messages(
      Requester requester,
      HistoryAccess.Access access,
      String roomId,
      Long from,
      boolean backwards,
      Long to,
      int limit,
      Predicate<StoredEvent> requested,
      boolean lazyLoadMembers) {
    long visible = Math.min(access.upTo(), events.currentPosition());
    Predicate<StoredEvent> filter = requested.and(ignoring.shownTo(requester.userId()));
    RoomEventScan.Range range =
        backwards
            ? RoomEventScan.Range.backwards(
                from == null ? visible : Math.min(from, visible), to == null ? 0 : to)
            : RoomEventScan.Range.forwards(
                from == null ? 0 : from, to == null ? visible : Math.min(to, visible));
    RoomEventScan.Result scan =
        events.scan(roomId, range, limit, Integer.MAX_VALUE, filter, access.history().positions());
    // a full page gives a token unless it ended at the bound, even when only events the filter
    // hides (or none) follow: the client learns that from the next, empty page
    boolean full = scan.events().size() == limit;
    return new Page(
        scan.events(),
        range.from(),
        full && range.remainsAfter(scan.cursor()) ? scan.cursor() : null,
        lazyLoadMembers ? rooms.sendersMembers(roomId, scan.events()) : List.of());
  }

  /** GET /context/{eventId}: the event with up to limit/2 events on each side. */
  public record Context(StoredEvent event, Page before, Page after, List<StoredEvent> state) {}

  public Context context(
      Requester requester,
      String roomId,
      String eventId,
      int limit,
      Predicate<StoredEvent> filter,
      boolean lazyLoadMembers) {
    HistoryAccess.Access access = history.readable(requester, roomId);
    StoredEvent event = history.event(access, roomId, eventId);
    int half = Math.max(0, limit / 2);
    Page before =
        messages(
            requester,
            access,
            roomId,
            event.streamOrdering() - 1,
            true,
            null,
            Math.max(half, 0),
            filter,
            false);
    Page after =
        messages(
            requester,
            access,
            roomId,
            event.streamOrdering(),
            false,
            null,
            Math.max(limit - half, 0),
            filter,
            false);
    // one who left sees the state as it was when they left
    List<StoredEvent> roomState =
        access.joined() ? rooms.stateEvents(roomId) : rooms.stateAt(roomId, access.upTo());
    if (!lazyLoadMembers) {
      return new Context(event, before, after, roomState);
    }
    // lazy-loading: the room's state without its members, plus the members of the senders shown
    List<StoredEvent> shown = new ArrayList<>(before.chunk());
    shown.add(event);
    shown.addAll(after.chunk());
    List<StoredEvent> state = new ArrayList<>();
    for (StoredEvent stateEvent : roomState) {
      if (!EventTypes.MEMBER.equals(stateEvent.type())) {
        state.add(stateEvent);
      }
    }
    state.addAll(rooms.sendersMembers(roomId, shown));
    return new Context(event, before, after, state);
  }
}
