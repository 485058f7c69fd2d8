package de.timkim.messenger.typing;

import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is typing (https://spec.matrix.org/v1.11/client-server-api/#typing-notifications). A notice
 * lasts until the client stops it or its timeout passes; both are visible to every node because the
 * state is a row with a stream position, and expiry is computed when reading (and written back by
 * {@link TypingExpiryJob} so waiting syncs learn that a notice ended).
 */
@Stateless
public class TypingService {

  /**
   * TI-M privacy setting: global account data {@code de.timkim.typing_notifications} with {@code
   * {"enabled": false}} hides the user's typing from everyone else.
   */
  public static final String SETTING = "de.timkim.typing_notifications";

  /** Used when a client sends no timeout; Synapse and Element assume about 30 s as well. */
  static final long DEFAULT_TIMEOUT_MS = 30_000;

  /** A client that crashes while typing must not appear to type for hours. */
  static final long MAX_TIMEOUT_MS = 120_000;

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private RoomRepository rooms;

  @Inject private AccountDataService accountData;

  @Inject private WakeAfterCommit wakeAfterCommit;

  @Inject private Clock clock;

  /**
   * PUT /rooms/{roomId}/typing/{userId}: starts (for {@code timeoutMs}, null: the default) or stops
   * the requester's typing notice. Only for yourself and in rooms you have joined. With typing
   * notifications switched off it is accepted and changes nothing others could see.
   */
  public void setTyping(
      Requester requester, UserId user, String roomId, boolean typing, Long timeoutMs) {
    if (!requester.userId().equals(user)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You can only set your own typing state");
    }
    if (!"join".equals(rooms.membership(roomId, user).orElse(null))) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not joined to this room");
    }
    if (timeoutMs != null && timeoutMs < 0) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "timeout must not be negative");
    }
    String userId = user.toString();
    if (!accountData.switchedOff(Set.of(userId), SETTING, "enabled").isEmpty()) {
      return;
    }
    long now = clock.millis();
    long until =
        typing
            ? now + Math.min(timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs, MAX_TIMEOUT_MS)
            : 0;
    if (!typing && !typingNow(roomId, userId, now)) {
      return; // nothing visible changes; do not wake the room's syncs
    }
    long position = events.allocatePositions(1);
    // insert-if-absent then update: portable (H2 and PostgreSQL) and safe for concurrent PUTs
    em.createNativeQuery(
            "INSERT INTO typing_notification (room_id, user_id, typing_until, stream_ordering)"
                + " VALUES (?1, ?2, 0, 0) ON CONFLICT DO NOTHING")
        .setParameter(1, roomId)
        .setParameter(2, userId)
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE typing_notification SET typing_until = ?1, stream_ordering = ?2"
                + " WHERE room_id = ?3 AND user_id = ?4")
        .setParameter(1, until)
        .setParameter(2, position)
        .setParameter(3, roomId)
        .setParameter(4, userId)
        .executeUpdate();
    wakeAfterCommit.register();
  }

  private boolean typingNow(String roomId, String userId, long now) {
    return !em.createNativeQuery(
            "SELECT 1 FROM typing_notification WHERE room_id = ?1 AND user_id = ?2"
                + " AND typing_until > ?3")
        .setParameter(1, roomId)
        .setParameter(2, userId)
        .setParameter(3, now)
        .getResultList()
        .isEmpty();
  }

  /**
   * The m.typing event of each of the viewer's joined rooms whose typers changed after {@code from}
   * (initial sync: rooms where someone types now), keyed by room ID. Users who hide their typing
   * are left out for everyone but themselves.
   */
  public Map<String, JsonObject> forSync(Requester viewer, Long from) {
    long now = clock.millis();
    long since = from == null ? Long.MAX_VALUE : from;
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT t.room_id, t.user_id, t.typing_until, t.stream_ordering"
                    + " FROM typing_notification t WHERE t.room_id IN (SELECT m.room_id FROM room_state m"
                    + " WHERE m.type = 'm.room.member' AND m.state_key = ?1 AND m.membership = 'join')"
                    + " AND (t.typing_until > ?2 OR t.stream_ordering > ?3)"
                    + " ORDER BY t.room_id, t.stream_ordering")
            .setParameter(1, viewer.userId().toString())
            .setParameter(2, now)
            .setParameter(3, since)
            .getResultList();
    Set<String> users = new HashSet<>();
    rows.forEach(r -> users.add((String) r[1]));
    users.remove(viewer.userId().toString());
    Set<String> hidden = accountData.switchedOff(users, SETTING, "enabled");

    Map<String, List<String>> typers = new LinkedHashMap<>();
    Set<String> changed = new HashSet<>();
    for (Object[] row : rows) {
      String roomId = (String) row[0];
      String user = (String) row[1];
      List<String> inRoom = typers.computeIfAbsent(roomId, r -> new ArrayList<>());
      if (hidden.contains(user)) {
        continue;
      }
      if (((Number) row[2]).longValue() > now) {
        inRoom.add(user);
      }
      if (from == null || ((Number) row[3]).longValue() > from) {
        changed.add(roomId);
      }
    }
    Map<String, JsonObject> out = new LinkedHashMap<>();
    typers.forEach(
        (roomId, userIds) -> {
          if (from == null ? !userIds.isEmpty() : changed.contains(roomId)) {
            JsonArrayBuilder ids = Jsonp.createArrayBuilder();
            userIds.forEach(ids::add);
            out.put(
                roomId,
                Jsonp.createObjectBuilder()
                    .add("type", "m.typing")
                    .add("content", Jsonp.createObjectBuilder().add("user_ids", ids))
                    .build());
          }
        });
    return out;
  }

  /**
   * Ends notices whose timeout has passed with a new stream position, so that syncs waiting on any
   * node hear that the user stopped typing. Returns how many ended.
   */
  public int endExpired() {
    long now = clock.millis();
    Number due =
        (Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM typing_notification WHERE typing_until > 0"
                        + " AND typing_until <= ?1")
                .setParameter(1, now)
                .getSingleResult();
    if (due.longValue() == 0) {
      return 0;
    }
    long position = events.allocatePositions(1);
    int ended =
        em.createNativeQuery(
                "UPDATE typing_notification SET typing_until = 0, stream_ordering = ?1"
                    + " WHERE typing_until > 0 AND typing_until <= ?2")
            .setParameter(1, position)
            .setParameter(2, now)
            .executeUpdate();
    wakeAfterCommit.register();
    return ended;
  }
}
