package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** A user's new display name or avatar, carried into the member events of their rooms. */
@Stateless
public class ProfilePropagation {

  @Inject private RoomLocks locks;

  @Inject private EventWriter writer;

  /**
   * After a profile change: a fresh join event with the new name and avatar in every joined room.
   * All rooms are locked, in one order, before the first write takes the stream position's lock;
   * otherwise two such updates, or one and a send, could wait for each other.
   */
  public void propagate(Requester requester, List<String> joinedRooms) {
    String user = requester.userId().toString();
    List<RoomLocks.Locked> locked = new ArrayList<>();
    joinedRooms.stream().sorted().forEach(roomId -> locked.add(locks.lock(roomId)));
    for (RoomLocks.Locked room : locked) {
      if (Membership.JOIN.equals(room.state().membership(user))) {
        writer.write(
            room,
            user,
            EventTypes.MEMBER,
            user,
            RoomMembership.content(Membership.JOIN, null),
            null);
      }
    }
  }
}
