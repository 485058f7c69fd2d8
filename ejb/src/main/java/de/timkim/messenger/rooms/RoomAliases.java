package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;

/**
 * Room aliases on this deployment (Synapse's {@code handlers/directory.py}): resolving, creating
 * and removing them, and listing a room's.
 */
@Stateless
public class RoomAliases {

  @PersistenceContext private EntityManager em;

  @Inject private RoomLocks locks;

  @Inject private RoomRepository rooms;

  /** A room ID, or the room an alias points to. */
  public String resolve(String roomIdOrAlias) {
    if (roomIdOrAlias != null && roomIdOrAlias.startsWith("#")) {
      RoomAlias alias = em.find(RoomAlias.class, roomIdOrAlias);
      if (alias == null) {
        throw new MatrixException(ErrorCode.M_NOT_FOUND, "Room alias not found");
      }
      return alias.roomId();
    }
    if (roomIdOrAlias == null || !roomIdOrAlias.startsWith("!") || !roomIdOrAlias.contains(":")) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Not a room ID or alias: " + roomIdOrAlias);
    }
    return roomIdOrAlias;
  }

  /** PUT /directory/room/{roomAlias}: only members may alias a room, on their own server name. */
  public void createAlias(Requester requester, String alias, String roomId) {
    if (!alias.startsWith("#") || !alias.endsWith(":" + requester.serverName())) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Aliases must be #name:" + requester.serverName());
    }
    RoomLocks.Locked locked = locks.lock(roomId);
    if (!Membership.JOIN.equals(locked.state().membership(requester.userId().toString()))) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in the room");
    }
    if (em.find(RoomAlias.class, alias) != null) {
      throw aliasExists();
    }
    try {
      // the room lock orders creators within one room; one alias created for two rooms at once
      // meets at the primary key, so the insert runs now and the loser gets the same 409 as the
      // check above rather than a failed commit the container logs as a system error
      em.persist(new RoomAlias(alias, roomId, requester.userId().toString()));
      em.flush();
    } catch (PersistenceException duplicate) {
      throw aliasExists();
    }
  }

  private static MatrixException aliasExists() {
    return new MatrixException(
        ErrorCode.M_UNKNOWN, 409, "Room alias already exists", java.util.Map.of());
  }

  /** DELETE /directory/room/{roomAlias}: its creator or a room moderator may remove it. */
  public void deleteAlias(Requester requester, String alias) {
    RoomAlias found = em.find(RoomAlias.class, alias);
    if (found == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Room alias not found");
    }
    if (!found.creator().equals(requester.userId().toString())) {
      RoomState state = rooms.currentState(found.roomId());
      PowerLevels levels = state.powerLevels();
      if (levels.userLevel(requester.userId().toString())
          < levels.eventLevel(EventTypes.CANONICAL_ALIAS, true)) {
        throw new MatrixException(ErrorCode.M_FORBIDDEN, "You may not remove this alias");
      }
    }
    em.remove(found);
  }

  /**
   * GET /rooms/{roomId}/aliases: the room's aliases on this deployment, for its members (the spec
   * also opens them to anyone in a world-readable room; rooms here are never world-readable).
   */
  public List<String> localAliases(Requester requester, String roomId) {
    if (!rooms.membership(roomId, requester.userId()).filter(Membership.JOIN::equals).isPresent()) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room");
    }
    return em.createQuery(
            "select a.alias from RoomAlias a where a.roomId = :r order by a.alias", String.class)
        .setParameter("r", roomId)
        .getResultList();
  }
}
