package de.timkim.messenger.rooms;

import de.timkim.messenger.ErrorCode;
import de.timkim.messenger.MatrixException;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.RoomEventScan;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.ignoring.IgnoredUsers;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What members may read of a room: current state, members, single events, history pages and the
 * context of an event. Members see the whole history while joined ("shared" visibility) and
 * everything up to their departure after leaving.
 */
@Stateless
public class RoomHistoryService {

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private RoomService rooms;

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

  public List<String> joinedRooms(Requester requester) {
    return em.createQuery(
            "select s.roomId from RoomStateEntry s where s.type = 'm.room.member'"
                + " and s.stateKey = :u and s.membership = 'join'",
            String.class)
        .setParameter("u", requester.userId().toString())
        .getResultList();
  }

  /** The last stream position the requester may read in the room. */
  public long visibleUpTo(Requester requester, String roomId) {
    return visibility(requester, roomId)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room"));
  }

  /**
   * The last stream position the requester may read in the room: everything while joined, up to
   * their leaving after they left or were banned (until they forget it), nothing otherwise.
   */
  public OptionalLong visibility(Requester requester, String roomId) {
    RoomStateEntry member =
        em.find(
            RoomStateEntry.class,
            new RoomStateEntry.Key(roomId, "m.room.member", requester.userId().toString()));
    if (member == null || member.membership() == null) {
      return OptionalLong.empty();
    }
    return switch (member.membership()) {
      case "join" -> OptionalLong.of(Long.MAX_VALUE);
      case "leave", "ban" ->
          forgotten(requester, roomId)
              ? OptionalLong.empty()
              : OptionalLong.of(
                  events.byId(member.eventId()).map(StoredEvent::streamOrdering).orElse(0L));
      default -> OptionalLong.empty();
    };
  }

  /** The event, if the requester may see it. */
  public Optional<StoredEvent> visibleEvent(Requester requester, String roomId, String eventId) {
    OptionalLong limit = visibility(requester, roomId);
    return limit.isEmpty() ? Optional.empty() : eventUpTo(roomId, eventId, limit.getAsLong());
  }

  private Optional<StoredEvent> eventUpTo(String roomId, String eventId, long limit) {
    return events
        .byId(eventId)
        .filter(e -> e.roomId().equals(roomId) && e.streamOrdering() <= limit);
  }

  private boolean forgotten(Requester requester, String roomId) {
    return !em.createNativeQuery("SELECT 1 FROM room_forgotten WHERE user_id = ?1 AND room_id = ?2")
        .setParameter(1, requester.userId().toString())
        .setParameter(2, roomId)
        .getResultList()
        .isEmpty();
  }

  public List<StoredEvent> currentState(Requester requester, String roomId) {
    requireJoined(requester, roomId);
    return stateEvents(roomId);
  }

  public List<StoredEvent> stateEvents(String roomId) {
    return em.createQuery(
            "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r and e.eventId = s.eventId"
                + " order by e.streamOrdering",
            StoredEvent.class)
        .setParameter("r", roomId)
        .getResultList();
  }

  public StoredEvent stateEvent(Requester requester, String roomId, String type, String stateKey) {
    requireJoined(requester, roomId);
    RoomStateEntry entry =
        em.find(RoomStateEntry.class, new RoomStateEntry.Key(roomId, type, stateKey));
    if (entry == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Event not found");
    }
    return events.byId(entry.eventId()).orElseThrow();
  }

  /**
   * The room's member events whose membership passes {@code membership}: the current ones, or with
   * {@code at} (a token, as /members takes it from a sync's prev_batch) those in force at that
   * position (no later than the requester may see), so a client that lazy-loads members can apply
   * the later changes /sync brings it.
   */
  public List<StoredEvent> members(
      Requester requester, String roomId, Predicate<String> membership, Long at) {
    long visible = visibleUpTo(requester, roomId);
    Long position = at == null ? null : Math.min(at, visible);
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent current : stateEvents(roomId)) {
      if (!"m.room.member".equals(current.type())) {
        continue;
      }
      StoredEvent event = position == null ? current : inForceAt(current, position);
      if (event != null && membership.test(event.content().getString("membership", ""))) {
        out.add(event);
      }
    }
    return out;
  }

  public List<StoredEvent> members(
      Requester requester, String roomId, Predicate<String> membership) {
    return members(requester, roomId, membership, null);
  }

  /** The current m.room.member events of those of {@code users} who have one in the room. */
  public List<StoredEvent> memberEvents(String roomId, Collection<String> users) {
    if (users.isEmpty()) {
      return List.of();
    }
    return em.createQuery(
            "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r"
                + " and s.type = 'm.room.member' and s.stateKey in :users and e.eventId = s.eventId"
                + " order by e.streamOrdering",
            StoredEvent.class)
        .setParameter("r", roomId)
        .setParameter("users", users)
        .getResultList();
  }

  /** The room's m.room.member state entries (user and membership), oldest first. */
  public List<RoomStateEntry> memberships(String roomId) {
    return em.createQuery(
            "select s from RoomStateEntry s where s.roomId = :r and s.type = 'm.room.member'"
                + " order by s.streamOrdering",
            RoomStateEntry.class)
        .setParameter("r", roomId)
        .getResultList();
  }

  /** Whether the room has a non-empty m.room.name or m.room.canonical_alias. */
  public boolean named(String roomId) {
    for (StoredEvent event :
        em.createQuery(
                "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r"
                    + " and s.type in ('m.room.name', 'm.room.canonical_alias')"
                    + " and s.stateKey = '' and e.eventId = s.eventId",
                StoredEvent.class)
            .setParameter("r", roomId)
            .getResultList()) {
      JsonObject content = event.content();
      if (!content.getString("name", "").isEmpty() || !content.getString("alias", "").isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The state event of {@code current}'s type and key that was in force at {@code position}: {@code
   * current} or one it replaced; null when the key had no state then.
   */
  public static StoredEvent inForceAt(StoredEvent current, long position) {
    StoredEvent event = current;
    while (event != null && event.streamOrdering() > position) {
      event = event.replaced().orElse(null);
    }
    return event;
  }

  /**
   * Lazy-loading (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members): the
   * member events of the senders of {@code shown}, as they were at the newest of them. Redundant
   * ones (members the client already has) are sent again: the spec allows it, and it keeps the
   * server from remembering per device what each client was sent.
   */
  private List<StoredEvent> sendersMembers(String roomId, List<StoredEvent> shown) {
    Set<String> senders = new LinkedHashSet<>();
    long newest = 0;
    for (StoredEvent event : shown) {
      senders.add(event.sender());
      newest = Math.max(newest, event.streamOrdering());
    }
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent current : memberEvents(roomId, senders)) {
      StoredEvent then = inForceAt(current, newest);
      if (then != null) {
        out.add(then);
      }
    }
    return out;
  }

  public StoredEvent event(Requester requester, String roomId, String eventId) {
    return eventUpTo(roomId, eventId, visibleUpTo(requester, roomId))
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Event not found"));
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
    long visible = Math.min(visibleUpTo(requester, roomId), events.currentPosition());
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
      Optional<StoredEvent> root = eventUpTo(roomId, activity.rootId(), visible);
      Optional<StoredEvent> latest = events.atPosition(activity.latest());
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
    long visible = Math.min(visibleUpTo(requester, roomId), events.currentPosition());
    return events
        .nearTimestamp(roomId, ts, forwards, visible)
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
    long visible = Math.min(visibleUpTo(requester, roomId), events.currentPosition());
    eventUpTo(roomId, parent, visible)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Event not found"));
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
    return new Page(chunk.size() > limit ? chunk.subList(0, limit) : chunk, start, end);
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
    long visible = Math.min(visibleUpTo(requester, roomId), events.currentPosition());
    Predicate<StoredEvent> filter = requested.and(ignoring.shownTo(requester.userId()));
    RoomEventScan.Range range =
        backwards
            ? RoomEventScan.Range.backwards(
                from == null ? visible : Math.min(from, visible), to == null ? 0 : to)
            : RoomEventScan.Range.forwards(
                from == null ? 0 : from, to == null ? visible : Math.min(to, visible));
    RoomEventScan.Result scan = events.scan(roomId, range, limit, Integer.MAX_VALUE, filter);
    // a full page gives a token unless it ended at the bound, even when only events the filter
    // hides (or none) follow: the client learns that from the next, empty page
    boolean full = scan.events().size() == limit;
    return new Page(
        scan.events(),
        range.from(),
        full && range.remainsAfter(scan.cursor()) ? scan.cursor() : null,
        lazyLoadMembers ? sendersMembers(roomId, scan.events()) : List.of());
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
    StoredEvent event = event(requester, roomId, eventId);
    int half = Math.max(0, limit / 2);
    Page before =
        messages(
            requester,
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
            roomId,
            event.streamOrdering(),
            false,
            null,
            Math.max(limit - half, 0),
            filter,
            false);
    if (!lazyLoadMembers) {
      return new Context(event, before, after, stateEvents(roomId));
    }
    // lazy-loading: the room's state without its members, plus the members of the senders shown
    List<StoredEvent> shown = new ArrayList<>(before.chunk());
    shown.add(event);
    shown.addAll(after.chunk());
    List<StoredEvent> state = new ArrayList<>();
    for (StoredEvent stateEvent : stateEvents(roomId)) {
      if (!"m.room.member".equals(stateEvent.type())) {
        state.add(stateEvent);
      }
    }
    state.addAll(sendersMembers(roomId, shown));
    return new Context(event, before, after, state);
  }

  private void requireJoined(Requester requester, String roomId) {
    if (visibleUpTo(requester, roomId) != Long.MAX_VALUE) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room");
    }
  }
}
