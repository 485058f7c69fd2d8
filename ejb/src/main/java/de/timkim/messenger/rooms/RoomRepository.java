package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A room's rows as stored, with no question of who may see them: the room, its current state and
 * its members (Synapse's {@code storage/databases/main/state.py} and {@code roommember.py}). The
 * services that answer a requester ask {@link HistoryAccess} first.
 */
@Stateless
public class RoomRepository {

  @PersistenceContext private EntityManager em;

  public Room room(String roomId) {
    Room room = em.find(Room.class, roomId);
    if (room == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown room or you are not in it");
    }
    return room;
  }

  public RoomState currentState(String roomId) {
    RoomState state = new RoomState();
    for (StoredEvent event :
        em.createQuery(
                "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r and e.eventId = s.eventId",
                StoredEvent.class)
            .setParameter("r", roomId)
            .getResultList()) {
      JsonObject pdu = event.pdu();
      state.put(Jsonp.createObjectBuilder(pdu).add("event_id", event.eventId()).build());
    }
    return state;
  }

  /** The user's current membership in the room ("join", "invite", "leave", "ban"), if any. */
  public Optional<String> membership(String roomId, UserId user) {
    return Optional.ofNullable(
            em.find(
                RoomStateEntry.class,
                new RoomStateEntry.Key(roomId, EventTypes.MEMBER, user.toString())))
        .map(RoomStateEntry::membership);
  }

  public List<String> joinedRooms(Requester requester) {
    return em.createQuery(
            "select s.roomId from RoomStateEntry s where s.type = 'm.room.member'"
                + " and s.stateKey = :u and s.membership = 'join'",
            String.class)
        .setParameter("u", requester.userId().toString())
        .getResultList();
  }

  public List<StoredEvent> stateEvents(String roomId) {
    return em.createQuery(
            "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r and e.eventId = s.eventId"
                + " order by e.streamOrdering",
            StoredEvent.class)
        .setParameter("r", roomId)
        .getResultList();
  }

  /** The room's state as it was at {@code position}. */
  public List<StoredEvent> stateAt(String roomId, long position) {
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
   * Lazy-loading (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members): the
   * member events of the senders of {@code shown}, as they were at the newest of them. Redundant
   * ones (members the client already has) are sent again: the spec allows it, and it keeps the
   * server from remembering per device what each client was sent.
   */
  public List<StoredEvent> sendersMembers(String roomId, List<StoredEvent> shown) {
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
}
