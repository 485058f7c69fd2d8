package de.timkim.messenger.presence;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence (https://spec.matrix.org/v1.11/client-server-api/#presence). One row per user in the
 * database; a change takes a stream position so room mates' syncs on every node see it. "Offline
 * after a while" is computed from the last activity with the Clock when reading, and written back
 * by {@link PresenceTimeoutJob} so that waiting syncs hear of it.
 */
@Stateless
public class PresenceService {

  /**
   * TI-M privacy setting: global account data {@code de.timkim.presence} with {@code {"visible":
   * false}} hides the user's presence; others get offline from GET and nothing in /sync.
   */
  public static final String SETTING = "de.timkim.presence";

  static final Set<String> STATES = Set.of("online", "unavailable", "offline");

  /**
   * Without a sync for this long a user is offline: longer than the longest /sync long poll (two
   * minutes), so a client waiting in one stays online.
   */
  static final long OFFLINE_AFTER_MS = 5 * 60_000;

  /**
   * Activity closer than this counts as currently_active; it is also how often a syncing client's
   * last activity is written, so that a busy client does not write on every /sync.
   */
  static final long ACTIVE_WINDOW_MS = 60_000;

  /** How long a default /sync trusts this node's last look at the user's presence row. */
  static final long SEEN_ONLINE_TRUSTED_MS = 10_000;

  /**
   * A cache, per node, of users whose default /sync found them online (or idle by choice) with a
   * recent activity time: user → {when this node looked, the activity time stored}. Their next
   * syncs within {@link #SEEN_ONLINE_TRUSTED_MS} would neither change the state nor write the
   * activity, so they skip reading the row. A change made on another node meanwhile (the user set
   * offline there) takes effect at the latest that much later.
   */
  private static final Map<String, long[]> SEEN_ONLINE = new ConcurrentHashMap<>();

  private static final int SEEN_ONLINE_MAX = 100_000;

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private WakeAfterCommit wakeAfterCommit;

  @Inject private Clock clock;

  /** What GET /presence/{userId}/status answers. */
  public record Status(String presence, Long lastActiveAgo, String statusMsg, boolean active) {

    public JsonObject toJson() {
      JsonObjectBuilder out =
          Jsonp.createObjectBuilder().add("presence", presence).add("currently_active", active);
      if (lastActiveAgo != null) {
        out.add("last_active_ago", lastActiveAgo);
      }
      if (statusMsg != null) {
        out.add("status_msg", statusMsg);
      }
      return out.build();
    }
  }

  private record Row(String userId, String presence, String statusMsg, long lastActive) {}

  /** PUT /presence/{userId}/status: the user sets their own state and status message. */
  public void setStatus(Requester requester, UserId user, String presence, String statusMsg) {
    if (!requester.userId().equals(user)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You can only set your own presence");
    }
    requireState(presence);
    if (statusMsg != null && statusMsg.length() > 1024) {
      throw new MatrixException(ErrorCode.M_TOO_LARGE, "status_msg is longer than 1024 characters");
    }
    SEEN_ONLINE.remove(user.toString());
    write(user.toString(), presence, statusMsg, clock.millis());
  }

  /**
   * GET /presence/{userId}/status: your own, or that of a user you share a room with (as Synapse,
   * others are refused). A user who hides their presence is offline to others.
   */
  public Status status(Requester requester, UserId user) {
    String target = user.toString();
    boolean self = requester.userId().equals(user);
    if (!self && !shareRoom(requester.userId().toString(), target)) {
      throw new MatrixException(
          ErrorCode.M_FORBIDDEN, "You are not allowed to see the presence of this user");
    }
    Row row = row(target);
    if (row == null || !self && hidden(target)) {
      return new Status("offline", null, null, false);
    }
    long now = clock.millis();
    String state = effective(row, now);
    return new Status(
        state,
        Math.max(0, now - row.lastActive()),
        row.statusMsg(),
        !"offline".equals(state) && now - row.lastActive() < ACTIVE_WINDOW_MS);
  }

  /**
   * /sync's set_presence (https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync):
   * null or "online" marks an offline user online, "unavailable" marks them idle, "offline" leaves
   * them as they are. Every sync counts as activity.
   */
  public void synced(Requester requester, String setPresence) {
    String wanted = setPresence == null ? "online" : setPresence;
    requireState(wanted);
    if ("offline".equals(wanted)) {
      return;
    }
    String user = requester.userId().toString();
    long now = clock.millis();
    boolean plain = "online".equals(wanted);
    long[] seen = plain ? SEEN_ONLINE.get(user) : null;
    if (seen != null
        && now - seen[0] < SEEN_ONLINE_TRUSTED_MS
        && now - seen[1] < ACTIVE_WINDOW_MS) {
      return;
    }
    Row row = row(user);
    String current = row == null ? "offline" : effective(row, now);
    // a plain sync brings an offline user online but keeps an "unavailable" the user set
    boolean change = plain ? "offline".equals(current) : !wanted.equals(current);
    long lastActive = row == null ? now : row.lastActive();
    if (change) {
      write(user, wanted, row == null ? null : row.statusMsg(), now);
      lastActive = now;
    } else if (now - row.lastActive() >= ACTIVE_WINDOW_MS) {
      // only the activity time moves: no stream position, nobody is woken for it
      em.createNativeQuery("UPDATE user_presence SET last_active_ts = ?1 WHERE user_id = ?2")
          .setParameter(1, now)
          .setParameter(2, user)
          .executeUpdate();
      lastActive = now;
    }
    if (plain) {
      if (SEEN_ONLINE.size() >= SEEN_ONLINE_MAX) {
        SEEN_ONLINE.clear();
      }
      SEEN_ONLINE.put(user, new long[] {now, lastActive});
    } else {
      SEEN_ONLINE.remove(user);
    }
  }

  /**
   * m.presence events for /sync: the viewer's own and those of users sharing a joined room with
   * them, changed after {@code from} (all on an initial sync). Users hiding their presence are left
   * out, except once as offline when they switched hiding on.
   */
  public List<JsonObject> forSync(Requester viewer, Long from) {
    long since = from == null ? -1 : from;
    String me = viewer.userId().toString();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT p.user_id, p.presence, p.status_msg, p.last_active_ts, p.stream_ordering,"
                    + " a.stream_ordering, a.content FROM user_presence p LEFT JOIN account_data a"
                    + " ON a.user_id = p.user_id AND a.room_id = '' AND a.type = ?3"
                    + " WHERE (p.user_id = ?1 OR EXISTS (SELECT 1 FROM room_state x, room_state y"
                    + " WHERE x.type = 'm.room.member' AND x.state_key = ?1 AND x.membership = 'join'"
                    + " AND y.room_id = x.room_id AND y.type = 'm.room.member'"
                    + " AND y.state_key = p.user_id AND y.membership = 'join'))"
                    + " AND (p.stream_ordering > ?2 OR a.stream_ordering > ?2"
                    // a newly shared room (either joined after from) sends the current presence
                    + " OR EXISTS (SELECT 1 FROM room_state x, room_state y"
                    + " WHERE x.type = 'm.room.member' AND x.state_key = ?1 AND x.membership = 'join'"
                    + " AND y.room_id = x.room_id AND y.type = 'm.room.member'"
                    + " AND y.state_key = p.user_id AND y.membership = 'join'"
                    + " AND (x.stream_ordering > ?2 OR y.stream_ordering > ?2)))")
            .setParameter(1, me)
            .setParameter(2, since)
            .setParameter(3, SETTING)
            .getResultList();
    long now = clock.millis();
    List<JsonObject> out = new ArrayList<>();
    for (Object[] r : rows) {
      Row row = new Row((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue());
      boolean hidden = !row.userId().equals(me) && r[6] != null && hidesPresence((String) r[6]);
      boolean settingChanged = r[5] != null && ((Number) r[5]).longValue() > since;
      JsonObjectBuilder content = Jsonp.createObjectBuilder();
      if (hidden) {
        if (!settingChanged || from == null) {
          continue;
        }
        content.add("presence", "offline").add("currently_active", false);
      } else {
        String state = effective(row, now);
        content
            .add("presence", state)
            .add("last_active_ago", Math.max(0, now - row.lastActive()))
            .add(
                "currently_active",
                !"offline".equals(state) && now - row.lastActive() < ACTIVE_WINDOW_MS);
        if (row.statusMsg() != null) {
          content.add("status_msg", row.statusMsg());
        }
      }
      out.add(
          Jsonp.createObjectBuilder()
              .add("type", "m.presence")
              .add("sender", row.userId())
              .add("content", content)
              .build());
    }
    return out;
  }

  /**
   * Writes offline for users whose last activity is older than {@link #OFFLINE_AFTER_MS}, with a
   * new stream position so room mates' waiting syncs learn it. Returns how many went offline.
   */
  public int markIdleOffline() {
    long cutoff = clock.millis() - OFFLINE_AFTER_MS;
    Number due =
        (Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM user_presence WHERE presence <> 'offline'"
                        + " AND last_active_ts < ?1")
                .setParameter(1, cutoff)
                .getSingleResult();
    if (due.longValue() == 0) {
      return 0;
    }
    long position = events.allocatePositions(1);
    int changed =
        em.createNativeQuery(
                "UPDATE user_presence SET presence = 'offline', stream_ordering = ?1"
                    + " WHERE presence <> 'offline' AND last_active_ts < ?2")
            .setParameter(1, position)
            .setParameter(2, cutoff)
            .executeUpdate();
    wakeAfterCommit.register();
    return changed;
  }

  private void write(String user, String presence, String statusMsg, long now) {
    long position = events.allocatePositions(1);
    // insert-if-absent then update: portable (H2 and PostgreSQL) and safe for concurrent syncs
    em.createNativeQuery(
            "INSERT INTO user_presence (user_id, presence, last_active_ts, stream_ordering)"
                + " VALUES (?1, 'offline', 0, 0) ON CONFLICT DO NOTHING")
        .setParameter(1, user)
        .executeUpdate();
    // no null parameter: PostgreSQL cannot type an untyped null bound to a native query
    Query update =
        em.createNativeQuery(
                "UPDATE user_presence SET presence = :presence, status_msg = "
                    + (statusMsg == null ? "NULL" : ":message")
                    + ", last_active_ts = :now, stream_ordering = :position WHERE user_id = :user")
            .setParameter("presence", presence)
            .setParameter("now", now)
            .setParameter("position", position)
            .setParameter("user", user);
    if (statusMsg != null) {
      update.setParameter("message", statusMsg);
    }
    update.executeUpdate();
    wakeAfterCommit.register();
  }

  private Row row(String user) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT user_id, presence, status_msg, last_active_ts FROM user_presence"
                    + " WHERE user_id = ?1")
            .setParameter(1, user)
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    Object[] r = rows.get(0);
    return new Row((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue());
  }

  private boolean hidden(String user) {
    @SuppressWarnings("unchecked")
    List<Object> content =
        em.createNativeQuery(
                "SELECT content FROM account_data WHERE user_id = ?1 AND room_id = '' AND type = ?2")
            .setParameter(1, user)
            .setParameter(2, SETTING)
            .getResultList();
    return !content.isEmpty() && hidesPresence(content.get(0).toString());
  }

  private static boolean hidesPresence(String settingJson) {
    try {
      return Jsonp.createReader(new StringReader(settingJson)).readObject().get("visible")
          == JsonValue.FALSE;
    } catch (RuntimeException e) {
      return false; // not an object: the setting is not in effect
    }
  }

  private boolean shareRoom(String a, String b) {
    return !em.createNativeQuery(
            "SELECT 1 FROM room_state x, room_state y WHERE x.type = 'm.room.member'"
                + " AND x.state_key = ?1 AND x.membership = 'join' AND y.room_id = x.room_id"
                + " AND y.type = 'm.room.member' AND y.state_key = ?2 AND y.membership = 'join'")
        .setParameter(1, a)
        .setParameter(2, b)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  private static String effective(Row row, long now) {
    return !"offline".equals(row.presence()) && now - row.lastActive() > OFFLINE_AFTER_MS
        ? "offline"
        : row.presence();
  }

  private static void requireState(String presence) {
    if (presence == null || !STATES.contains(presence)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "presence must be one of online, unavailable, offline");
    }
  }
}
