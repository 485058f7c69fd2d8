package de.timkim.messenger.sync;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.presence.PresenceService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Which of /sync's streams moved since the token, in one query, so that unmoved ones are spared.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChangedStreams {

  /**
   * Above this many stream positions since the token, the changes are not asked: the checks for
   * anyone's typing, receipts or presence read the stream from the token on, and for a client long
   * offline that costs more than running every section's query.
   */
  private static final long CHANGES_WINDOW = 5_000;

  @PersistenceContext private EntityManager em;

  /**
   * Which of /sync's streams moved in (from, to], as bits: a stream without a change spares its
   * query. A bit may be set when nothing of it concerns the user (typing, receipts and presence are
   * checked for everyone, so the check stays an index probe); then its query finds nothing.
   */
  public record Changes(int bits) {
    static final int ACCOUNT_DATA = 1;
    static final int TYPING = 2;
    static final int RECEIPTS = 4;
    static final int TO_DEVICE = 8;
    static final int DEVICE_LISTS = 16;
    static final int MEMBERSHIPS = 32;
    static final int PRESENCE = 64;
    static final Changes ANY = new Changes(-1);

    boolean has(int mask) {
      return (bits & mask) != 0;
    }
  }

  /** The streams that moved after the request's token; all of them for an initial or full sync. */
  public Changes of(SyncRequest request) {
    Long from = request.from();
    return from == null || request.fullState() || request.now() - from > CHANGES_WINDOW
        ? Changes.ANY
        : since(request.requester(), from, request.now());
  }

  private Changes since(Requester requester, long from, long to) {
    Number bits =
        (Number)
            em.createNativeQuery(
                    "SELECT CASE WHEN EXISTS (SELECT 1 FROM account_data a WHERE a.user_id = ?1"
                        + " AND a.stream_ordering > ?2) THEN 1 ELSE 0 END"
                        // TypingService and PresenceService read without an upper bound
                        + " + CASE WHEN EXISTS (SELECT 1 FROM typing_notification t"
                        + " WHERE t.stream_ordering > ?2) THEN 2 ELSE 0 END"
                        + " + CASE WHEN EXISTS (SELECT 1 FROM receipt r WHERE r.stream_ordering > ?2"
                        + " AND r.stream_ordering <= ?3) THEN 4 ELSE 0 END"
                        // messages at or below the token wait for their deletion as well
                        + " + CASE WHEN EXISTS (SELECT 1 FROM to_device_message d"
                        + " WHERE d.recipient_user = ?1 AND d.recipient_device = ?4) THEN 8 ELSE 0 END"
                        + " + CASE WHEN EXISTS (SELECT 1 FROM device_list_change c"
                        + " WHERE c.stream_ordering > ?2 AND c.stream_ordering <= ?3) THEN 16 ELSE 0 END"
                        // joins, invites and leaves anywhere: membership, device lists, presence
                        + " + CASE WHEN EXISTS (SELECT 1 FROM room_event m WHERE m.stream_ordering > ?2"
                        + " AND m.type = '"
                        + EventTypes.MEMBER
                        + "') THEN 32 ELSE 0 END"
                        + " + CASE WHEN EXISTS (SELECT 1 FROM user_presence p"
                        + " WHERE p.stream_ordering > ?2) OR EXISTS (SELECT 1 FROM account_data s"
                        + " WHERE s.type = ?5 AND s.stream_ordering > ?2) THEN 64 ELSE 0 END")
                .setParameter(1, requester.userId().toString())
                .setParameter(2, from)
                .setParameter(3, to)
                .setParameter(4, requester.deviceId() == null ? "" : requester.deviceId())
                .setParameter(5, PresenceService.SETTING)
                .getSingleResult();
    return new Changes(bits.intValue());
  }
}
