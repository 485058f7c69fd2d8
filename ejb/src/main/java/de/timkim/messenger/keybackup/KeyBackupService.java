package de.timkim.messenger.keybackup;

import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.annotation.PostConstruct;
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
 * The keys of a key backup version ({@link KeyBackupVersions} keeps the versions). Only the newest
 * version that is not deleted takes new keys (older ones answer 403 M_WRONG_ROOM_KEYS_VERSION with
 * the current version); every change of a version's keys increments its etag. Writes lock the
 * version row, so concurrent uploads from several devices serialise per user and version.
 */
@Stateless
public class KeyBackupService {

  @PersistenceContext private EntityManager em;

  private BackupVersionRows versionRows;

  @PostConstruct
  void start() {
    versionRows = new BackupVersionRows(em);
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

  /**
   * PUT /room_keys/keys[/{roomId}[/{sessionId}]]: keys as rooms → sessions → key; each is stored
   * unless the backup already holds a better copy of that session.
   */
  public KeysChanged putKeys(
      Requester requester, String version, Map<String, Map<String, BackedUpKey>> keys) {
    String user = requester.userId().toString();
    long number = versionRows.writable(user, version);
    boolean changed = false;
    for (var room : keys.entrySet()) {
      for (var session : room.getValue().entrySet()) {
        changed |= putKey(user, number, room.getKey(), session.getKey(), session.getValue());
      }
    }
    long etag = changed ? versionRows.bumpEtag(user, number) : versionRows.etag(user, number);
    return new KeysChanged(etag, versionRows.count(user, number));
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
    long number = versionRows.existing(user, version, false);
    var query =
        narrowed(
            "SELECT room_id, session_id, first_message_index, forwarded_count, is_verified,"
                + " session_data FROM room_key_backup",
            user,
            number,
            roomId,
            sessionId);
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
    long number = versionRows.existing(user, version, true);
    var query = narrowed("DELETE FROM room_key_backup", user, number, roomId, sessionId);
    long etag =
        query.executeUpdate() > 0
            ? versionRows.bumpEtag(user, number)
            : versionRows.etag(user, number);
    return new KeysChanged(etag, versionRows.count(user, number));
  }

  /** The statement over one version's keys, narrowed by room and session when given. */
  private jakarta.persistence.Query narrowed(
      String statement, String user, long number, String roomId, String sessionId) {
    StringBuilder sql = new StringBuilder(statement).append(" WHERE user_id = ?1 AND version = ?2");
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
    return query;
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
