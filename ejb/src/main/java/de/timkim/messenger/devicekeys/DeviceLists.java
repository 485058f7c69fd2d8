package de.timkim.messenger.devicekeys;

import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.stream.WakeAfterCommit;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which users' device lists a client must refresh
 * (https://spec.matrix.org/v1.11/client-server-api/#tracking-the-device-list-for-a-user): a change
 * of devices or keys takes a position on the global stream, so /sync and /keys/changes answer
 * "changed since token" with the same tokens as the timeline. Users count as sharing a room when
 * both are joined or invited to it (clients encrypt for invited members too).
 */
@Stateless
public class DeviceLists {

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private WakeAfterCommit wakeAfterCommit;

  /** changed: users to re-query; left: users no longer sharing any room with the user. */
  public record Changes(Set<String> changed, Set<String> left) {
    public boolean isEmpty() {
      return changed.isEmpty() && left.isEmpty();
    }
  }

  /** Records that {@code userId}'s devices or keys changed; call after the change itself. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void changed(UserId userId) {
    long position = events.allocatePositions(1);
    em.createNativeQuery(
            "INSERT INTO device_list_change (stream_ordering, user_id) VALUES (?1, ?2)")
        .setParameter(1, position)
        .setParameter(2, userId.toString())
        .executeUpdate();
    wakeAfterCommit.register();
  }

  /** What changed for {@code userId}'s view in (from, to]. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Changes since(UserId userId, long from, long to) {
    String me = userId.toString();
    Set<String> sharing = new HashSet<>(sharingUsers(me));
    Set<String> changed = new TreeSet<>();
    Set<String> left = new TreeSet<>();
    for (String user :
        strings(
            "SELECT DISTINCT user_id FROM device_list_change WHERE stream_ordering > ?1"
                + " AND stream_ordering <= ?2",
            from,
            to)) {
      if (user.equals(me) || sharing.contains(user)) {
        changed.add(user);
      }
    }
    // membership changes in the user's rooms: new room mates must be queried, former ones dropped
    Set<String> candidates = new HashSet<>();
    for (Object[] row : memberEvents(me, from, to)) {
      String roomId = (String) row[0];
      String member = (String) row[1];
      if (member.equals(me)) {
        candidates.addAll(roomMembers(roomId));
      } else {
        candidates.add(member);
      }
    }
    candidates.remove(me);
    for (String user : candidates) {
      if (sharing.contains(user)) {
        changed.add(user);
      } else {
        left.add(user);
      }
    }
    return new Changes(changed, left);
  }

  /** Users sharing at least one room (joined or invited on both sides) with {@code userId}. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> sharingUsers(String userId) {
    return strings(
        "SELECT DISTINCT o.state_key FROM room_state m JOIN room_state o ON o.room_id = m.room_id"
            + " WHERE m.type = 'm.room.member' AND m.state_key = ?1"
            + " AND m.membership IN ('join', 'invite') AND o.type = 'm.room.member'"
            + " AND o.membership IN ('join', 'invite')",
        userId);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> memberEvents(String userId, long from, long to) {
    return em.createNativeQuery(
            "SELECT e.room_id, e.state_key FROM room_event e WHERE e.type = 'm.room.member'"
                + " AND e.stream_ordering > ?1 AND e.stream_ordering <= ?2 AND e.room_id IN"
                + " (SELECT s.room_id FROM room_state s WHERE s.type = 'm.room.member'"
                + " AND s.state_key = ?3)")
        .setParameter(1, from)
        .setParameter(2, to)
        .setParameter(3, userId)
        .getResultList();
  }

  @SuppressWarnings("unchecked")
  private List<String> roomMembers(String roomId) {
    return em.createNativeQuery(
            "SELECT state_key FROM room_state WHERE room_id = ?1 AND type = 'm.room.member'")
        .setParameter(1, roomId)
        .getResultList();
  }

  @SuppressWarnings("unchecked")
  private List<String> strings(String sql, Object... parameters) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return query.getResultList();
  }
}
