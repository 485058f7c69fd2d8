package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.RoomEventScan;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.ignoring.IgnoredUsers;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What members may read of a room: current state, members, single events, history pages and the
 * context of an event. Every read path asks {@link #access} once per request: it bounds a departed
 * member to their departure and carries the {@link HistoryVisibility} of the room for them (the
 * spec's per-event algorithm over m.room.history_visibility and their membership), by which each
 * event is shown or not. Who never joined a room reads nothing of it, whatever their membership
 * event (a rejected invite, a pre-emptive ban).
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

  /**
   * What a requester may read of a room: positions up to {@code upTo} (everything while joined, up
   * to their departure after they left or were banned), and of those what {@code history} shows.
   */
  public record Access(long upTo, HistoryVisibility history) {

    public boolean joined() {
      return upTo == Long.MAX_VALUE;
    }

    public boolean shows(StoredEvent event) {
      return event.streamOrdering() <= upTo && history.shows(event.streamOrdering());
    }
  }

  /**
   * What the requester may read of the room: empty when they are not joined and did not leave it
   * (or forgot it), and when they never were joined (an invite rejected, a ban before joining:
   * history visibility gives them nothing, and neither do the room's state and members).
   */
  public Optional<Access> access(Requester requester, String roomId) {
    String user = requester.userId().toString();
    RoomStateEntry member =
        em.find(RoomStateEntry.class, new RoomStateEntry.Key(roomId, "m.room.member", user));
    if (member == null || member.membership() == null) {
      return Optional.empty();
    }
    return switch (member.membership()) {
      case "join" -> Optional.of(new Access(Long.MAX_VALUE, historyVisibility(user, roomId)));
      case "leave", "ban" -> {
        if (forgotten(requester, roomId)) {
          yield Optional.empty();
        }
        HistoryVisibility history = historyVisibility(user, roomId);
        yield history.everJoined()
            ? Optional.of(new Access(member.streamOrdering(), history))
            : Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  private Access readable(Requester requester, String roomId) {
    return access(requester, roomId)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room"));
  }

  /** The last stream position the requester may read in the room. */
  public long visibleUpTo(Requester requester, String roomId) {
    return readable(requester, roomId).upTo();
  }

  /**
   * The last stream position the requester may read in the room: everything while joined, up to
   * their leaving after they left or were banned (until they forget it), nothing otherwise.
   */
  public OptionalLong visibility(Requester requester, String roomId) {
    return access(requester, roomId)
        .map(a -> OptionalLong.of(a.upTo()))
        .orElse(OptionalLong.empty());
  }

  /** The user's {@link HistoryVisibility} in one room. */
  public HistoryVisibility historyVisibility(String user, String roomId) {
    return historyVisibilities(user, List.of(roomId))
        .getOrDefault(roomId, HistoryVisibility.of(List.of()));
  }

  /**
   * The user's {@link HistoryVisibility} in each of {@code roomIds}, from one query per few hundred
   * rooms over the rooms' history_visibility events and the user's own member events (an index
   * probe each: ix_room_event_state).
   */
  public Map<String, HistoryVisibility> historyVisibilities(
      String user, Collection<String> roomIds) {
    Map<String, List<HistoryVisibility.Change>> changes = new HashMap<>();
    List<String> all = new ArrayList<>(roomIds);
    for (int i = 0; i < all.size(); i += ROOMS_PER_QUERY) {
      List<Object[]> rows =
          em.createQuery(
                  "select e.roomId, e.streamOrdering, e.type, e.pdu from StoredEvent e"
                      + " where e.roomId in :rooms and ((e.type = 'm.room.member'"
                      + " and e.stateKey = :u) or (e.type = 'm.room.history_visibility'"
                      + " and e.stateKey = '')) order by e.streamOrdering",
                  Object[].class)
              .setParameter("rooms", all.subList(i, Math.min(all.size(), i + ROOMS_PER_QUERY)))
              .setParameter("u", user)
              .getResultList();
      for (Object[] row : rows) {
        boolean member = "m.room.member".equals(row[2]);
        JsonObject content =
            Jsonp.createReader(new StringReader((String) row[3]))
                .readObject()
                .getJsonObject("content");
        String value =
            content == null
                ? null
                : content.getString(member ? "membership" : "history_visibility", null);
        changes
            .computeIfAbsent((String) row[0], r -> new ArrayList<>())
            .add(new HistoryVisibility.Change(((Number) row[1]).longValue(), member, value));
      }
    }
    Map<String, HistoryVisibility> out = new HashMap<>();
    for (String roomId : roomIds) {
      out.put(roomId, HistoryVisibility.of(changes.getOrDefault(roomId, List.of())));
    }
    return out;
  }

  private static final int ROOMS_PER_QUERY = 500;

  /** The event, if the requester may see it. */
  public Optional<StoredEvent> visibleEvent(Requester requester, String roomId, String eventId) {
    return access(requester, roomId).flatMap(access -> visibleEvent(access, roomId, eventId));
  }

  private Optional<StoredEvent> visibleEvent(Access access, String roomId, String eventId) {
    return events.byId(eventId).filter(e -> e.roomId().equals(roomId) && access.shows(e));
  }

  private boolean forgotten(Requester requester, String roomId) {
    return !em.createNativeQuery("SELECT 1 FROM room_forgotten WHERE user_id = ?1 AND room_id = ?2")
        .setParameter(1, requester.userId().toString())
        .setParameter(2, roomId)
        .getResultList()
        .isEmpty();
  }

  /**
   * GET /state: the room's current state for a member; for one who left or was banned the state at
   * their departure, as Synapse gives it, so they learn nothing of the room after it.
   */
  public List<StoredEvent> currentState(Requester requester, String roomId) {
    Access access = readable(requester, roomId);
    return access.joined() ? stateEvents(roomId) : stateAt(roomId, access.upTo());
  }

  /** The room's state as it was at {@code position}. */
  private List<StoredEvent> stateAt(String roomId, long position) {
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent current : stateEvents(roomId)) {
      StoredEvent then = inForceAt(current, position);
      if (then != null) {
        out.add(then);
      }
    }
    out.sort(Comparator.comparingLong(StoredEvent::streamOrdering));
    return out;
  }

  public List<StoredEvent> stateEvents(String roomId) {
    return em.createQuery(
            "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r and e.eventId = s.eventId"
                + " order by e.streamOrdering",
            StoredEvent.class)
        .setParameter("r", roomId)
        .getResultList();
  }

  /** GET /state/{type}/{key}: current for a member, as at their departure for one who left. */
  public StoredEvent stateEvent(Requester requester, String roomId, String type, String stateKey) {
    Access access = readable(requester, roomId);
    RoomStateEntry entry =
        em.find(RoomStateEntry.class, new RoomStateEntry.Key(roomId, type, stateKey));
    StoredEvent event =
        entry == null ? null : inForceAt(events.byId(entry.eventId()).orElseThrow(), access.upTo());
    if (event == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Event not found");
    }
    return event;
  }

  /**
   * The room's member events whose membership passes {@code membership}: the current ones, or with
   * {@code at} (a token, as /members takes it from a sync's prev_batch) those in force at that
   * position (no later than the requester may see), so a client that lazy-loads members can apply
   * the later changes /sync brings it.
   */
  public List<StoredEvent> members(
      Requester requester, String roomId, Predicate<String> membership, Long at) {
    Access access = readable(requester, roomId);
    // one who left sees the members as they were when they left, never later ones
    Long position = null;
    if (at != null) {
      position = Math.min(at, access.upTo());
    } else if (!access.joined()) {
      position = access.upTo();
    }
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
    return event(readable(requester, roomId), roomId, eventId);
  }

  private StoredEvent event(Access access, String roomId, String eventId) {
    return visibleEvent(access, roomId, eventId)
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
    Access access = readable(requester, roomId);
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
      Optional<StoredEvent> root = visibleEvent(access, roomId, activity.rootId());
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
    Access access = readable(requester, roomId);
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
    Access access = readable(requester, roomId);
    long visible = Math.min(access.upTo(), events.currentPosition());
    event(access, roomId, parent);
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
        readable(requester, roomId),
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
      Access access,
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
    Access access = readable(requester, roomId);
    StoredEvent event = event(access, roomId, eventId);
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
        access.joined() ? stateEvents(roomId) : stateAt(roomId, access.upTo());
    if (!lazyLoadMembers) {
      return new Context(event, before, after, roomState);
    }
    // lazy-loading: the room's state without its members, plus the members of the senders shown
    List<StoredEvent> shown = new ArrayList<>(before.chunk());
    shown.add(event);
    shown.addAll(after.chunk());
    List<StoredEvent> state = new ArrayList<>();
    for (StoredEvent stateEvent : roomState) {
      if (!"m.room.member".equals(stateEvent.type())) {
        state.add(stateEvent);
      }
    }
    state.addAll(sendersMembers(roomId, shown));
    return new Context(event, before, after, state);
  }
}
