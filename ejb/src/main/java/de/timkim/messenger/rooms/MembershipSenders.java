package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.StoredEvent;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Who sent a user's current membership event in a room (the inviter of a pending invite). */
@Stateless
public class MembershipSenders {

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  public Optional<String> of(String roomId, UserId user) {
    RoomStateEntry member =
        em.find(
            RoomStateEntry.class,
            new RoomStateEntry.Key(roomId, EventTypes.MEMBER, user.toString()));
    return member == null
        ? Optional.empty()
        : events.byId(member.eventId()).map(StoredEvent::sender);
  }
}
