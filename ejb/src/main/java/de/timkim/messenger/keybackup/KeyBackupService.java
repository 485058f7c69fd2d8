package de.timkim.messenger.keybackup;

import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key backup versions and their keys. Only the newest version that is not deleted takes new keys
 * (older ones answer 403 M_WRONG_ROOM_KEYS_VERSION with the current version); every change of a
 * version's keys increments its etag. Writes lock the version row, so concurrent uploads from
 * several devices serialise per user and version.
 */
@Stateless
public class KeyBackupService {

  @PersistenceContext private EntityManager em;

  /** A backup version as /room_keys/version shows it. */
  public record Version(
      String version, String algorithm, JsonObject authData, long etag, long count) {
    public JsonObject toJson() {
      return Jsonp.createObjectBuilder()
          .add("version", version)
          .add("algorithm", algorithm)
          .add("auth_data", authData)
          .add("etag", Long.toString(etag))
          .add("count", count)
          .build();
    }
  }

  /** The etag and key count after a change of keys. */
  public record KeysChanged(long etag, long count) {
    public JsonObject toJson() {
      return Jsonp.createObjectBuilder()
          .add("etag", Long.toString(etag))
          .add("count", count)
          .build();
    }
  }

  /** POST /room_keys/version; returns the new version. */
  public String createVersion(Requester requester, String algorithm, JsonObject authData) {
    String user = requester.userId().toString();
    // the account row serialises a user's creates, so two devices creating at once (even the
    // first version, when no version row exists to lock) get two numbers
    em.createNativeQuery("SELECT user_id FROM matrix_user WHERE user_id = ?1 FOR UPDATE")
        .setParameter(1, user)
        .getResultList();
    Number max =
        (Number)
            em.createNativeQuery(
                    "SELECT MAX(version) FROM room_key_backup_version WHERE user_id = ?1")
                .setParameter(1, user)
                .getSingleResult();
    long version = max == null ? 1 : max.longValue() + 1;
    em.createNativeQuery(
            "INSERT INTO room_key_backup_version (user_id, version, algorithm, auth_data, etag,"
                + " deleted) VALUES (?1, ?2, ?3, ?4, 0, FALSE)")
        .setParameter(1, user)
        .setParameter(2, version)
        .setParameter(3, algorithm)
        .setParameter(4, authData.toString())
        .executeUpdate();
    return Long.toString(version);
  }

  /** GET /room_keys/version[/{version}]; null version: the current one. */
  public Version version(Requester requester, String version) {
    String user = requester.userId().toString();
    long number = version == null ? current(user) : existing(user, version, false);
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT algorithm, auth_data, etag FROM room_key_backup_version"
                        + " WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, number)
                .getSingleResult();
    return new Version(
        Long.toString(number),
        (String) row[0],
        parse((String) row[1]),
        ((Number) row[2]).longValue(),
        count(user, number));
  }

  /** PUT /room_keys/version/{version}: new auth_data; the algorithm cannot change. */
  public void updateVersion(
      Requester requester,
      String version,
      String bodyVersion,
      String algorithm,
      JsonObject authData) {
    String user = requester.userId().toString();
    long number = existing(user, version, true);
    if (bodyVersion != null && !bodyVersion.equals(Long.toString(number))) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "The body's version does not match the path's");
    }
    String stored =
        (String)
            em.createNativeQuery(
                    "SELECT algorithm FROM room_key_backup_version WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, number)
                .getSingleResult();
    if (!stored.equals(algorithm)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "The algorithm of a backup version cannot change");
    }
    em.createNativeQuery(
            "UPDATE room_key_backup_version SET auth_data = ?3 WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, number)
        .setParameter(3, authData.toString())
        .executeUpdate();
  }

  /** DELETE /room_keys/version/{version}: the version and all its keys go. */
  public void deleteVersion(Requester requester, String version) {
    String user = requester.userId().toString();
    long number = existing(user, version, true);
    em.createNativeQuery("DELETE FROM room_key_backup WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, number)
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE room_key_backup_version SET deleted = TRUE, auth_data = '{}'"
                + " WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, number)
        .executeUpdate();
  }

  /**
   * PUT /room_keys/keys[/{roomId}[/{sessionId}]]: keys as rooms → sessions → key; each is stored
   * unless the backup already holds a better copy of that session.
   */
  public KeysChanged putKeys(
      Requester requester, String version, Map<String, Map<String, BackedUpKey>> keys) {
    String user = requester.userId().toString();
    long number = writable(user, version);
    boolean changed = false;
    for (var room : keys.entrySet()) {
      for (var session : room.getValue().entrySet()) {
        changed |= putKey(user, number, room.getKey(), session.getKey(), session.getValue());
      }
    }
    long etag = changed ? bumpEtag(user, number) : etag(user, number);
    return new KeysChanged(etag, count(user, number));
  }

  private boolean putKey(
      String user, long version, String roomId, String sessionId, BackedUpKey key) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT first_message_index, forwarded_count, is_verified, session_data"
                    + " FROM room_key_backup WHERE user_id = ?1 AND version = ?2 AND room_id = ?3"
                    + " AND session_id = ?4")
            .setParameter(1, user)
            .setParameter(2, version)
            .setParameter(3, roomId)
            .setParameter(4, sessionId)
            .getResultList();
    if (!rows.isEmpty()) {
      BackedUpKey existing = toKey((Object[]) rows.get(0));
      if (!key.isBetterThan(existing)) {
        return false;
      }
      em.createNativeQuery(
              "DELETE FROM room_key_backup WHERE user_id = ?1 AND version = ?2 AND room_id = ?3"
                  + " AND session_id = ?4")
          .setParameter(1, user)
          .setParameter(2, version)
          .setParameter(3, roomId)
          .setParameter(4, sessionId)
          .executeUpdate();
    }
    em.createNativeQuery(
            "INSERT INTO room_key_backup (user_id, version, room_id, session_id,"
                + " first_message_index, forwarded_count, is_verified, session_data)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, user)
        .setParameter(2, version)
        .setParameter(3, roomId)
        .setParameter(4, sessionId)
        .setParameter(5, key.firstMessageIndex())
        .setParameter(6, key.forwardedCount())
        .setParameter(7, key.verified())
        .setParameter(8, key.sessionData().toString())
        .executeUpdate();
    return true;
  }

  /**
   * GET /room_keys/keys[/{roomId}[/{sessionId}]]: rooms → sessions → key, narrowed by room and
   * session when given (null: all).
   */
  public Map<String, Map<String, BackedUpKey>> keys(
      Requester requester, String version, String roomId, String sessionId) {
    String user = requester.userId().toString();
    long number = existing(user, version, false);
    StringBuilder sql =
        new StringBuilder(
            "SELECT room_id, session_id, first_message_index, forwarded_count, is_verified,"
                + " session_data FROM room_key_backup WHERE user_id = ?1 AND version = ?2");
    if (roomId != null) {
      sql.append(" AND room_id = ?3");
    }
    if (sessionId != null) {
      sql.append(" AND session_id = ?4");
    }
    var query = em.createNativeQuery(sql.toString()).setParameter(1, user).setParameter(2, number);
    if (roomId != null) {
      query.setParameter(3, roomId);
    }
    if (sessionId != null) {
      query.setParameter(4, sessionId);
    }
    Map<String, Map<String, BackedUpKey>> keys = new TreeMap<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      keys.computeIfAbsent((String) r[0], k -> new TreeMap<>())
          .put((String) r[1], toKey(new Object[] {r[2], r[3], r[4], r[5]}));
    }
    return keys;
  }

  /** DELETE /room_keys/keys[/{roomId}[/{sessionId}]] */
  public KeysChanged deleteKeys(
      Requester requester, String version, String roomId, String sessionId) {
    String user = requester.userId().toString();
    long number = existing(user, version, true);
    StringBuilder sql =
        new StringBuilder("DELETE FROM room_key_backup WHERE user_id = ?1 AND version = ?2");
    if (roomId != null) {
      sql.append(" AND room_id = ?3");
    }
    if (sessionId != null) {
      sql.append(" AND session_id = ?4");
    }
    var query = em.createNativeQuery(sql.toString()).setParameter(1, user).setParameter(2, number);
    if (roomId != null) {
      query.setParameter(3, roomId);
    }
    if (sessionId != null) {
      query.setParameter(4, sessionId);
    }
    long etag = query.executeUpdate() > 0 ? bumpEtag(user, number) : etag(user, number);
    return new KeysChanged(etag, count(user, number));
  }

  /** The current version's number; 404 when the user has none. */
  private long current(String user) {
    Number max =
        (Number)
            em.createNativeQuery(
                    "SELECT MAX(version) FROM room_key_backup_version WHERE user_id = ?1"
                        + " AND deleted = FALSE")
                .setParameter(1, user)
                .getSingleResult();
    if (max == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "No current backup version");
    }
    return max.longValue();
  }

  /** A version that exists and is not deleted (locked for writing when asked); else 404. */
  private long existing(String user, String version, boolean lock) {
    long number = number(version);
    List<?> rows =
        em.createNativeQuery(
                "SELECT version FROM room_key_backup_version WHERE user_id = ?1 AND version = ?2"
                    + " AND deleted = FALSE"
                    + (lock ? " FOR UPDATE" : ""))
            .setParameter(1, user)
            .setParameter(2, number)
            .getResultList();
    if (rows.isEmpty()) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown backup version " + version);
    }
    return number;
  }

  /** Keys go only into the current version. */
  private long writable(String user, String version) {
    long current = current(user);
    long number;
    try {
      number = number(version);
    } catch (MatrixException unknown) {
      number = -1;
    }
    if (number != current) {
      throw new MatrixException(
          ErrorCode.M_WRONG_ROOM_KEYS_VERSION,
          403,
          "Wrong backup version; the current one is " + current,
          Map.of("current_version", Long.toString(current)));
    }
    return existing(user, version, true);
  }

  private static long number(String version) {
    if (version == null || version.isEmpty()) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'version'");
    }
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown backup version " + version);
    }
  }

  private long count(String user, long version) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM room_key_backup WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, version)
                .getSingleResult())
        .longValue();
  }

  private long etag(String user, long version) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT etag FROM room_key_backup_version WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, version)
                .getSingleResult())
        .longValue();
  }

  private long bumpEtag(String user, long version) {
    em.createNativeQuery(
            "UPDATE room_key_backup_version SET etag = etag + 1 WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, version)
        .executeUpdate();
    return etag(user, version);
  }

  private static BackedUpKey toKey(Object[] row) {
    return new BackedUpKey(
        ((Number) row[0]).longValue(),
        ((Number) row[1]).longValue(),
        Boolean.TRUE.equals(row[2]),
        parse((String) row[3]));
  }

  private static JsonObject parse(String json) {
    try (var reader = Jsonp.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** rooms → sessions → key as the spec's JSON. */
  public static JsonObject toJson(Map<String, Map<String, BackedUpKey>> keys) {
    JsonObjectBuilder rooms = Jsonp.createObjectBuilder();
    keys.forEach(
        (room, sessions) -> {
          JsonObjectBuilder byId = Jsonp.createObjectBuilder();
          sessions.forEach((id, key) -> byId.add(id, key.toJson()));
          rooms.add(room, Jsonp.createObjectBuilder().add("sessions", byId));
        });
    return Jsonp.createObjectBuilder().add("rooms", rooms).build();
  }

  /** Parses {"sessions": {id: key}} of one room. */
  public static Map<String, BackedUpKey> sessions(JsonObject room) {
    JsonValue sessions = room.get("sessions");
    if (sessions == null || sessions.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'sessions' must be an object");
    }
    Map<String, BackedUpKey> parsed = new TreeMap<>();
    sessions.asJsonObject().forEach((id, key) -> parsed.put(id, key(key)));
    return parsed;
  }

  /** Parses {"rooms": {room: {"sessions": ...}}}. */
  public static Map<String, Map<String, BackedUpKey>> rooms(JsonObject body) {
    JsonValue rooms = body.get("rooms");
    if (rooms == null || rooms.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'rooms' must be an object");
    }
    Map<String, Map<String, BackedUpKey>> parsed = new TreeMap<>();
    rooms
        .asJsonObject()
        .forEach(
            (room, value) -> {
              if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MatrixException(
                    ErrorCode.M_BAD_JSON, "rooms." + room + " must be an object");
              }
              parsed.put(room, sessions(value.asJsonObject()));
            });
    return parsed;
  }

  public static BackedUpKey key(JsonValue value) {
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "A backed-up key must be an object");
    }
    return BackedUpKey.fromJson(value.asJsonObject());
  }
}
