package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A room's state and members as a requester may read them: current for a member, as at their
 * departure for one who left or was banned (Synapse's {@code handlers/message.py} {@code
 * MessageHandler.get_state_events}).
 */
@Stateless
public class RoomStateReads {

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private HistoryAccess history;

  @Inject private RoomRepository rooms;

  /**
   * GET /state: the room's current state for a member; for one who left or was banned the state at
   * their departure, as Synapse gives it, so they learn nothing of the room after it.
   */
  public List<StoredEvent> currentState(Requester requester, String roomId) {
    HistoryAccess.Access access = history.readable(requester, roomId);
    return access.joined() ? rooms.stateEvents(roomId) : rooms.stateAt(roomId, access.upTo());
  }

  /** GET /state/{type}/{key}: current for a member, as at their departure for one who left. */
  public StoredEvent stateEvent(Requester requester, String roomId, String type, String stateKey) {
    HistoryAccess.Access access = history.readable(requester, roomId);
    RoomStateEntry entry =
        em.find(RoomStateEntry.class, new RoomStateEntry.Key(roomId, type, stateKey));
    StoredEvent event =
        entry == null
            ? null
            : RoomRepository.inForceAt(events.byId(entry.eventId()).orElseThrow(), access.upTo());
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
    HistoryAccess.Access access = history.readable(requester, roomId);
    // one who left sees the members as they were when they left, never later ones
    Long position = null;
    if (at != null) {
      position = Math.min(at, access.upTo());
    } else if (!access.joined()) {
      position = access.upTo();
    }
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent current : rooms.stateEvents(roomId)) {
      if (!EventTypes.MEMBER.equals(current.type())) {
        continue;
      }
      StoredEvent event = position == null ? current : RoomRepository.inForceAt(current, position);
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
}
