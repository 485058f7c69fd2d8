package de.timkim.messenger.directory;

import de.timkim.messenger.accounts.MatrixUser;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.rooms.Room;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.rooms.RoomState;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TI-M: users find the people of their own organisation (its messenger service) and those they
 * already share a room with; everyone else is found through the national directory (VZD), not here.
 * Public rooms are those of the requester's own messenger service.
 */
@Stateless
public class DirectoryService {

  static final int MAX_LIMIT = 100;

  @PersistenceContext private EntityManager em;

  @Inject private RoomRepository rooms;

  public record UserHit(String userId, String displayName, String avatarUrl) {}

  public record UserSearch(List<UserHit> results, boolean limited) {}

  public record PublicRoom(
      String roomId,
      String name,
      String topic,
      String canonicalAlias,
      String avatarUrl,
      String joinRule,
      boolean worldReadable,
      boolean guestCanJoin,
      long joinedMembers) {}

  public record PublicRooms(List<PublicRoom> chunk, Integer nextOffset, int total) {}

  /** POST /user_directory/search: case-insensitive on user ID and display name. */
  public UserSearch searchUsers(Requester requester, String term, int limit) {
    limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    String like = "%" + escapeLike(term.toLowerCase(Locale.ROOT)) + "%";
    List<MatrixUser> found =
        em.createQuery(
                "select u from MatrixUser u where u.deactivated = false"
                    + " and (lower(u.userId) like :t escape '\\'"
                    + "   or lower(u.displayname) like :t escape '\\')"
                    + " and (u.serverName = :own or u.userId in ("
                    + "   select s.stateKey from RoomStateEntry s where s.type = 'm.room.member'"
                    + "   and s.membership = 'join' and s.roomId in ("
                    + "     select m.roomId from RoomStateEntry m where m.type = 'm.room.member'"
                    + "     and m.stateKey = :me and m.membership = 'join')))"
                    + " order by u.userId",
                MatrixUser.class)
            .setParameter("t", like)
            .setParameter("own", requester.userId().serverName())
            .setParameter("me", requester.userId().toString())
            .setMaxResults(limit + 1)
            .getResultList();
    List<UserHit> hits = new ArrayList<>();
    for (MatrixUser user : found.subList(0, Math.min(limit, found.size()))) {
      hits.add(new UserHit(user.id().toString(), user.displayname(), user.avatarUrl()));
    }
    return new UserSearch(hits, found.size() > limit);
  }

  /** GET/POST /publicRooms of one messenger service, filtered on name, topic and alias. */
  public PublicRooms publicRooms(String serverName, String term, int offset, int limit) {
    limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    List<Room> listed =
        em.createQuery(
                "select r from Room r where r.isPublic = true and r.serverName = :s"
                    + " order by r.createdAt",
                Room.class)
            .setParameter("s", serverName)
            .getResultList();
    String needle = term == null ? null : term.toLowerCase(Locale.ROOT);
    List<PublicRoom> matching = new ArrayList<>();
    for (Room room : listed) {
      PublicRoom entry = describe(room);
      if (needle == null
          || contains(entry.name(), needle)
          || contains(entry.topic(), needle)
          || contains(entry.canonicalAlias(), needle)) {
        matching.add(entry);
      }
    }
    int from = Math.min(Math.max(offset, 0), matching.size());
    int to = Math.min(from + limit, matching.size());
    return new PublicRooms(
        matching.subList(from, to), to < matching.size() ? to : null, matching.size());
  }

  /** GET /directory/list/room/{roomId}: "public" or "private". */
  public String visibility(String roomId) {
    return rooms.room(roomId).isPublic() ? "public" : "private";
  }

  /**
   * PUT /directory/list/room/{roomId}: members who may set the room's canonical alias may list or
   * unlist it (Synapse's rule).
   */
  public void changeVisibility(Requester requester, String roomId, String visibility) {
    if (!"public".equals(visibility) && !"private".equals(visibility)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "visibility must be 'public' or 'private'");
    }
    Room room = em.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
    if (room == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown room");
    }
    RoomState state = rooms.currentState(roomId);
    String user = requester.userId().toString();
    if (!"join".equals(state.membership(user))
        || state.powerLevels().userLevel(user)
            < state.powerLevels().eventLevel("m.room.canonical_alias", true)) {
      throw new MatrixException(
          ErrorCode.M_FORBIDDEN, "You may not change whether this room is listed");
    }
    room.list("public".equals(visibility));
  }

  private PublicRoom describe(Room room) {
    RoomState state = rooms.currentState(room.roomId());
    long joined = 0;
    for (JsonObject event : state.all()) {
      if ("m.room.member".equals(event.getString("type"))
          && "join".equals(event.getJsonObject("content").getString("membership", ""))) {
        joined++;
      }
    }
    return new PublicRoom(
        room.roomId(),
        string(state, "m.room.name", "name"),
        string(state, "m.room.topic", "topic"),
        string(state, "m.room.canonical_alias", "alias"),
        string(state, "m.room.avatar", "url"),
        state.joinRule(),
        "world_readable".equals(string(state, "m.room.history_visibility", "history_visibility")),
        "can_join".equals(string(state, "m.room.guest_access", "guest_access")),
        joined);
  }

  private static String string(RoomState state, String type, String key) {
    JsonObject content = state.content(type, "");
    return content == null ? null : content.getString(key, null);
  }

  private static boolean contains(String text, String needle) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
  }

  private static String escapeLike(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
