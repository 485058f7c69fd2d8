package de.timkim.messenger.rooms;

import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * Writes to one room are serialised by a row lock on the room, so authorisation always sees the
 * state the new event builds on, on any node. The lock is taken in the caller's transaction
 * (REQUIRED) and held until that commits.
 */
@Stateless
public class RoomLocks {

  /** A room locked for this transaction with the state a new event is authorised against. */
  public record Locked(Room room, RoomState state) {}

  @PersistenceContext private EntityManager em;

  @Inject private MessageStateCache messageStates;

  @Inject private RoomRepository rooms;

  /** Locks the room's row for this transaction and loads its current state. */
  public Locked lock(String roomId) {
    return new Locked(lockRoom(roomId), rooms.currentState(roomId));
  }

  /** The room's row, locked until commit: events of one room are written one after the other. */
  private Room lockRoom(String roomId) {
    Room room = roomId == null ? null : em.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
    if (room == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown room or you are not in it");
    }
    return room;
  }

  /**
   * Locks the room for an event without a state key. The auth rules for those read only the create
   * event, the power levels and the sender's membership, and push rules the joined members, so only
   * these are loaded: parsing the whole state of a large room on every message would dominate the
   * send path. Once loaded, this node keeps them ({@link MessageStateCache}) until the room's state
   * changes.
   */
  public Locked lockForMessage(String roomId, String sender) {
    Room room = lockRoom(roomId);
    RoomState kept = messageStates.get(roomId, room.stateVersion());
    if (kept != null && Membership.JOIN.equals(kept.membership(sender))) {
      return new Locked(room, kept.copy());
    }
    RoomState state = new RoomState();
    for (StoredEvent event :
        em.createNamedQuery(RoomStateEntry.MESSAGE_AUTH_STATE, StoredEvent.class)
            .setParameter("r", roomId)
            .setParameter("sender", sender)
            .getResultList()) {
      state.put(Jsonp.createObjectBuilder(event.pdu()).add("event_id", event.eventId()).build());
    }
    if (Membership.JOIN.equals(state.membership(sender))) {
      // only then is nothing in it particular to this sender
      messageStates.putAfterCommit(roomId, room.stateVersion(), state.copy());
    }
    return new Locked(room, state);
  }
}
