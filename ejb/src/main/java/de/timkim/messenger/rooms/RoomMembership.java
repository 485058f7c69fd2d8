package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Membership changes (Synapse's {@code handlers/room_member.py}): join, invite, leave, kick, ban,
 * unban, and forgetting a room one left. Each writes one m.room.member event with the room locked;
 * the auth rules decide whether the sender may.
 */
@Stateless
public class RoomMembership {

  @PersistenceContext private EntityManager em;

  @Inject private RoomLocks locks;

  @Inject private EventWriter writer;

  @Inject private RoomAliases aliases;

  @Inject private RoomRepository rooms;

  /** POST /rooms/{roomId}/join and /join/{roomIdOrAlias} */
  public String join(Requester requester, String roomIdOrAlias) {
    String roomId = aliases.resolve(roomIdOrAlias);
    String user = requester.userId().toString();
    RoomLocks.Locked locked = locks.lock(roomId);
    if (Membership.JOIN.equals(locked.state().membership(user))) {
      return roomId; // joining twice is a no-op, as in Synapse
    }
    remember(user, roomId);
    writer.write(locked, user, EventTypes.MEMBER, user, content(Membership.JOIN, null), null);
    return roomId;
  }

  /** POST /rooms/{roomId}/forget: only after leaving; the room's history is then closed to them. */
  public void forget(Requester requester, String roomId) {
    String user = requester.userId().toString();
    String membership = rooms.currentState(roomId).membership(user);
    if (Membership.JOIN.equals(membership) || Membership.INVITE.equals(membership)) {
      throw new MatrixException(
          ErrorCode.M_UNKNOWN, 400, "Leave the room before forgetting it", java.util.Map.of());
    }
    if (membership == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown room or you were never in it");
    }
    remember(user, roomId);
    em.createNativeQuery("INSERT INTO room_forgotten (user_id, room_id) VALUES (?1, ?2)")
        .setParameter(1, user)
        .setParameter(2, roomId)
        .executeUpdate();
  }

  /** Takes a room off the user's forgotten list (rejoining, or before forgetting it again). */
  private void remember(String user, String roomId) {
    em.createNativeQuery("DELETE FROM room_forgotten WHERE user_id = ?1 AND room_id = ?2")
        .setParameter(1, user)
        .setParameter(2, roomId)
        .executeUpdate();
  }

  /** POST /rooms/{roomId}/invite */
  public void invite(Requester requester, String roomId, UserId invitee, String reason) {
    changeMembership(requester, roomId, invitee.toString(), Membership.INVITE, reason);
  }

  /** POST /rooms/{roomId}/leave */
  public void leave(Requester requester, String roomId, String reason) {
    changeMembership(requester, roomId, requester.userId().toString(), Membership.LEAVE, reason);
  }

  /** POST /rooms/{roomId}/kick */
  public void kick(Requester requester, String roomId, UserId target, String reason) {
    RoomLocks.Locked locked = locks.lock(roomId);
    String current = locked.state().membership(target.toString());
    if (!Membership.JOIN.equals(current) && !Membership.INVITE.equals(current)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, target + " is not in the room");
    }
    writer.write(
        locked,
        requester.userId().toString(),
        EventTypes.MEMBER,
        target.toString(),
        content(Membership.LEAVE, reason),
        null);
  }

  /** POST /rooms/{roomId}/ban */
  public void ban(Requester requester, String roomId, UserId target, String reason) {
    changeMembership(requester, roomId, target.toString(), Membership.BAN, reason);
  }

  /** POST /rooms/{roomId}/unban */
  public void unban(Requester requester, String roomId, UserId target, String reason) {
    RoomLocks.Locked locked = locks.lock(roomId);
    if (!Membership.BAN.equals(locked.state().membership(target.toString()))) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, target + " is not banned");
    }
    writer.write(
        locked,
        requester.userId().toString(),
        EventTypes.MEMBER,
        target.toString(),
        content(Membership.LEAVE, reason),
        null);
  }

  private void changeMembership(
      Requester requester, String roomId, String target, String membership, String reason) {
    RoomLocks.Locked locked = locks.lock(roomId);
    writer.write(
        locked,
        requester.userId().toString(),
        EventTypes.MEMBER,
        target,
        content(membership, reason),
        null);
  }

  /** The content of an m.room.member event. */
  static JsonObject content(String membership, String reason) {
    JsonObjectBuilder content = Jsonp.createObjectBuilder().add("membership", membership);
    if (reason != null) {
      content.add("reason", reason);
    }
    return content.build();
  }
}
