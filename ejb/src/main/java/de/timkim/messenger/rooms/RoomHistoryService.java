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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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

  /** A page of history: events in order of the direction asked for, and the tokens around them. */
  public record Page(List<StoredEvent> chunk, long start, Long end) {}

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

  public List<StoredEvent> members(
      Requester requester, String roomId, Predicate<String> membership) {
    visibleUpTo(requester, roomId);
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent event : stateEvents(roomId)) {
      if ("m.room.member".equals(event.type())
          && membership.test(event.content().getString("membership", ""))) {
        out.add(event);
      }
    }
    return out;
  }

  public StoredEvent event(Requester requester, String roomId, String eventId) {
    return eventUpTo(roomId, eventId, visibleUpTo(requester, roomId))
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Event not found"));
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
   * or before T, forwards from T events after T.
   */
  public Page messages(
      Requester requester,
      String roomId,
      Long from,
      boolean backwards,
      Long to,
      int limit,
      Predicate<StoredEvent> requested) {
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
        full && range.remainsAfter(scan.cursor()) ? scan.cursor() : null);
  }

  /** GET /context/{eventId}: the event with up to limit/2 events on each side. */
  public record Context(StoredEvent event, Page before, Page after, List<StoredEvent> state) {}

  public Context context(
      Requester requester,
      String roomId,
      String eventId,
      int limit,
      Predicate<StoredEvent> filter) {
    StoredEvent event = event(requester, roomId, eventId);
    int half = Math.max(0, limit / 2);
    Page before =
        messages(
            requester, roomId, event.streamOrdering() - 1, true, null, Math.max(half, 0), filter);
    Page after =
        messages(
            requester,
            roomId,
            event.streamOrdering(),
            false,
            null,
            Math.max(limit - half, 0),
            filter);
    return new Context(event, before, after, stateEvents(roomId));
  }

  private void requireJoined(Requester requester, String roomId) {
    if (visibleUpTo(requester, roomId) != Long.MAX_VALUE) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room");
    }
  }
}
