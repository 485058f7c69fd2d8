package de.timkim.messenger.sync;

import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.MembershipSenders;
import de.timkim.messenger.rooms.RoomRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An invited room's section of /sync: the stripped state a client shows the invitation by. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class InvitedRooms {

  /**
   * Invite state a client needs to show an invitation
   * (https://spec.matrix.org/v1.11/client-server-api/#stripped-state).
   */
  private static final Set<String> INVITE_STATE_TYPES =
      Set.of(
          EventTypes.CREATE,
          EventTypes.JOIN_RULES,
          EventTypes.NAME,
          EventTypes.AVATAR,
          EventTypes.CANONICAL_ALIAS,
          EventTypes.ENCRYPTION,
          EventTypes.TOPIC);

  @Inject private RoomRepository rooms;

  @Inject private MembershipSenders membershipSenders;

  public SyncResult.InvitedRoom section(String roomId) {
    List<JsonObject> stripped = new ArrayList<>();
    for (StoredEvent event : rooms.stateEvents(roomId)) {
      if (INVITE_STATE_TYPES.contains(event.type())
          || EventTypes.MEMBER.equals(event.type())
              && Membership.INVITE.equals(event.content().getString("membership", ""))) {
        stripped.add(ClientEvents.stripped(event));
      }
    }
    return new SyncResult.InvitedRoom(stripped);
  }

  /** Whether the user's pending invite to the room was sent by someone they ignore. */
  public boolean invitedByIgnored(UserId user, String roomId, Set<String> ignored) {
    return !ignored.isEmpty()
        && membershipSenders.of(roomId, user).map(ignored::contains).orElse(false);
  }
}
