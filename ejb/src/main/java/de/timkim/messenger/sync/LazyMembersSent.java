package de.timkim.messenger.sync;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.rooms.MembershipEnded;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which member events lazy-loading /syncs sent each device (table lazy_member_sent), so that a
 * member the device already has is not sent again
 * (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members, "redundant
 * membership events"). A member counts as received only once the device synced from the token of
 * the response that carried it or a later one: a response the client never got is sent again.
 */
@Stateless
public class LazyMembersSent {

  private static final String INSERT_IF_NEW =
      "INSERT INTO lazy_member_sent (user_id, device_id, room_id, member, event_id, sent_at)"
          + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";

  private static final String UPDATE =
      "UPDATE lazy_member_sent SET event_id = ?5, sent_at = ?6 WHERE user_id = ?1"
          + " AND device_id = ?2 AND room_id = ?3 AND member = ?4";

  /** One member event sent to a device in a room. */
  public record Sent(String roomId, String member, String eventId) {}

  @PersistenceContext private EntityManager em;

  /**
   * Forgets what the user's devices were sent of the room's members once the user left or was
   * banned: a left room comes without members, and a rejoined one as new with its full state, so
   * the rows would only grow the table.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void forgetRoom(@Observes MembershipEnded ended) {
    em.createNativeQuery("DELETE FROM lazy_member_sent WHERE user_id = ?1 AND room_id = ?2")
        .setParameter(1, ended.userId())
        .setParameter(2, ended.roomId())
        .executeUpdate();
  }

  /**
   * Of {@code members} of the room, the member event IDs the device has received by the time it
   * synced from {@code since}, by member.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, String> received(
      Requester requester, String roomId, long since, Collection<String> members) {
    Map<String, String> received = new HashMap<>();
    if (members.isEmpty()) {
      return received;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT member, event_id FROM lazy_member_sent WHERE user_id = ?1 AND device_id = ?2"
                    + " AND room_id = ?3 AND sent_at <= ?4 AND member IN (?5)")
            .setParameter(1, requester.userId().toString())
            .setParameter(2, requester.deviceId())
            .setParameter(3, roomId)
            .setParameter(4, since)
            .setParameter(5, members)
            .getResultList();
    for (Object[] row : rows) {
      received.put((String) row[0], (String) row[1]);
    }
    return received;
  }

  /**
   * Notes that the response with next_batch {@code position} carries {@code sent}. Its own
   * transaction: /sync reads without one, and a failure here only means members are sent again.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void record(Requester requester, List<Sent> sent, long position) {
    String user = requester.userId().toString();
    // one order for all writers, so two syncs of one device cannot deadlock on each other's rows
    List<Sent> ordered =
        sent.stream()
            .sorted(Comparator.comparing(Sent::roomId).thenComparing(Sent::member))
            .toList();
    for (Sent member : ordered) {
      // H2 has no ON CONFLICT DO UPDATE: insert if new, then update, with the same values
      for (String sql : List.of(INSERT_IF_NEW, UPDATE)) {
        em.createNativeQuery(sql)
            .setParameter(1, user)
            .setParameter(2, requester.deviceId())
            .setParameter(3, member.roomId())
            .setParameter(4, member.member())
            .setParameter(5, member.eventId())
            .setParameter(6, position)
            .executeUpdate();
      }
    }
  }
}
