package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.StoredEvent;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What members may read of a room (Synapse's {@code visibility.py}). Every read path asks {@link
 * #access} once per request: it bounds a departed member to their departure and carries the {@link
 * HistoryVisibility} of the room for them (the spec's per-event algorithm over
 * m.room.history_visibility and their membership), by which each event is shown or not. Who never
 * joined a room reads nothing of it, whatever their membership event (a rejected invite, a
 * pre-emptive ban).
 */
@Stateless
public class HistoryAccess {

  private static final int ROOMS_PER_QUERY = 500;

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

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
        em.find(RoomStateEntry.class, new RoomStateEntry.Key(roomId, EventTypes.MEMBER, user));
    if (member == null || member.membership() == null) {
      return Optional.empty();
    }
    return switch (member.membership()) {
      case Membership.JOIN ->
          Optional.of(new Access(Long.MAX_VALUE, historyVisibility(user, roomId)));
      case Membership.LEAVE, Membership.BAN -> {
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

  /** {@link #access}, or M_FORBIDDEN when the requester may read nothing of the room. */
  public Access readable(Requester requester, String roomId) {
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
        boolean member = EventTypes.MEMBER.equals(row[2]);
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

  /** The event, if the requester may see it. */
  public Optional<StoredEvent> visibleEvent(Requester requester, String roomId, String eventId) {
    return access(requester, roomId).flatMap(access -> visibleEvent(access, roomId, eventId));
  }

  /** The event, if {@code access} shows it. */
  public Optional<StoredEvent> visibleEvent(Access access, String roomId, String eventId) {
    return events.byId(eventId).filter(e -> e.roomId().equals(roomId) && access.shows(e));
  }

  private boolean forgotten(Requester requester, String roomId) {
    return !em.createNativeQuery("SELECT 1 FROM room_forgotten WHERE user_id = ?1 AND room_id = ?2")
        .setParameter(1, requester.userId().toString())
        .setParameter(2, roomId)
        .getResultList()
        .isEmpty();
  }

  /** GET /rooms/{roomId}/event/{eventId}: the event, or M_NOT_FOUND when they may not see it. */
  public StoredEvent event(Requester requester, String roomId, String eventId) {
    return event(readable(requester, roomId), roomId, eventId);
  }

  /** The event if {@code access} shows it, else M_NOT_FOUND. */
  public StoredEvent event(Access access, String roomId, String eventId) {
    return visibleEvent(access, roomId, eventId)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Event not found"));
  }
}
