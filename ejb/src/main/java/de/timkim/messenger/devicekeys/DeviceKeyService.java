package de.timkim.messenger.devicekeys;

import de.timkim.messenger.accounts.DeviceRemoved;
import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Device identity keys, one-time and fallback keys
 * (https://spec.matrix.org/v1.11/client-server-api/#end-to-end-encryption): upload, the counts a
 * device sees in /sync, and removal with the device. {@link DeviceKeyQuery} answers /keys/query,
 * {@link OneTimeKeyClaims} /keys/claim.
 */
@Stateless
public class DeviceKeyService {

  /** The algorithm clients count on seeing, even at zero (Olm's signed one-time keys). */
  static final String SIGNED_CURVE25519 = "signed_curve25519";

  @PersistenceContext private EntityManager em;

  @Inject private DeviceLists deviceLists;

  /** What /keys/upload carries; any part may be null. */
  public record Upload(JsonObject deviceKeys, JsonObject oneTimeKeys, JsonObject fallbackKeys) {}

  /** POST /keys/upload; returns the device's one-time key counts per algorithm. */
  public Map<String, Long> upload(Requester requester, Upload upload) {
    String user = requester.userId().toString();
    String device = requester.deviceId();
    // check everything before storing anything
    if (upload.deviceKeys() != null) {
      KeyFormats.checkDeviceKeys(upload.deviceKeys(), user, device);
    }
    List<Map.Entry<KeyFormats.KeyId, JsonValue>> oneTime = keys(upload.oneTimeKeys(), user);
    List<Map.Entry<KeyFormats.KeyId, JsonValue>> fallback = keys(upload.fallbackKeys(), user);

    // a client may send its next upload before the last one answered (a retry after a timeout):
    // one device's uploads take turns, so each finds what the one before it stored instead of
    // both inserting the same key
    lockDevice(user, device);
    for (var key : oneTime) {
      storeOneTimeKey(user, device, key.getKey(), key.getValue().toString());
    }
    for (var key : fallback) {
      storeFallbackKey(user, device, key.getKey(), key.getValue().toString());
    }
    Map<String, Long> counts = oneTimeKeyCounts(requester);
    if (upload.deviceKeys() != null) {
      // last: a change takes the stream position, whose row lock is held until commit
      storeDeviceKeys(requester, upload.deviceKeys());
    }
    return counts;
  }

  private void lockDevice(String user, String device) {
    if (em.createNativeQuery(
            "SELECT device_id FROM device WHERE user_id = ?1 AND device_id = ?2 FOR UPDATE")
        .setParameter(1, user)
        .setParameter(2, device)
        .getResultList()
        .isEmpty()) {
      throw new MatrixException(ErrorCode.M_UNKNOWN_TOKEN, "The device of this token is gone");
    }
  }

  private static List<Map.Entry<KeyFormats.KeyId, JsonValue>> keys(JsonObject keys, String user) {
    List<Map.Entry<KeyFormats.KeyId, JsonValue>> checked = new ArrayList<>();
    if (keys == null) {
      return checked;
    }
    if (keys.size() > KeyFormats.MAX_KEYS_PER_UPLOAD) {
      throw new MatrixException(
          ErrorCode.M_TOO_LARGE, "At most " + KeyFormats.MAX_KEYS_PER_UPLOAD + " keys per upload");
    }
    for (Map.Entry<String, JsonValue> entry : keys.entrySet()) {
      KeyFormats.KeyId id = KeyFormats.keyId(entry.getKey());
      KeyFormats.checkOneTimeKey(id, entry.getValue(), user);
      checked.add(Map.entry(id, entry.getValue()));
    }
    return checked;
  }

  private void storeDeviceKeys(Requester requester, JsonObject keys) {
    String user = requester.userId().toString();
    JsonObjectBuilder stored = Jsonp.createObjectBuilder(keys);
    stored.remove("unsigned"); // the server fills it in on query
    String json = stored.build().toString();
    List<?> existing =
        em.createNativeQuery(
                "SELECT key_json FROM device_keys WHERE user_id = ?1 AND device_id = ?2")
            .setParameter(1, user)
            .setParameter(2, requester.deviceId())
            .getResultList();
    if (existing.isEmpty()) {
      em.createNativeQuery(
              "INSERT INTO device_keys (user_id, device_id, key_json) VALUES (?1, ?2, ?3)")
          .setParameter(1, user)
          .setParameter(2, requester.deviceId())
          .setParameter(3, json)
          .executeUpdate();
    } else if (!parse(existing.get(0).toString()).equals(parse(json))) {
      em.createNativeQuery(
              "UPDATE device_keys SET key_json = ?3 WHERE user_id = ?1 AND device_id = ?2")
          .setParameter(1, user)
          .setParameter(2, requester.deviceId())
          .setParameter(3, json)
          .executeUpdate();
    } else {
      return; // the same keys again: nobody needs to re-query
    }
    deviceLists.changed(requester.userId());
  }

  private void storeOneTimeKey(String user, String device, KeyFormats.KeyId id, String json) {
    List<?> existing =
        em.createNativeQuery(
                "SELECT key_json FROM one_time_key WHERE user_id = ?1 AND device_id = ?2"
                    + " AND algorithm = ?3 AND key_id = ?4")
            .setParameter(1, user)
            .setParameter(2, device)
            .setParameter(3, id.algorithm())
            .setParameter(4, id.keyId())
            .getResultList();
    if (!existing.isEmpty()) {
      if (!parseValue(existing.get(0).toString()).equals(parseValue(json))) {
        throw new MatrixException(
            ErrorCode.M_INVALID_PARAM, "One-time key " + id + " already exists with other content");
      }
      return;
    }
    em.createNativeQuery(
            "INSERT INTO one_time_key (user_id, device_id, algorithm, key_id, key_json)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, user)
        .setParameter(2, device)
        .setParameter(3, id.algorithm())
        .setParameter(4, id.keyId())
        .setParameter(5, json)
        .executeUpdate();
  }

  private void storeFallbackKey(String user, String device, KeyFormats.KeyId id, String json) {
    List<?> existing =
        em.createNativeQuery(
                "SELECT key_id, key_json FROM fallback_key WHERE user_id = ?1 AND device_id = ?2"
                    + " AND algorithm = ?3")
            .setParameter(1, user)
            .setParameter(2, device)
            .setParameter(3, id.algorithm())
            .getResultList();
    if (!existing.isEmpty()) {
      Object[] row = (Object[]) existing.get(0);
      if (id.keyId().equals(row[0]) && parseValue(row[1].toString()).equals(parseValue(json))) {
        return; // re-upload of the current fallback key keeps its used flag
      }
      em.createNativeQuery(
              "DELETE FROM fallback_key WHERE user_id = ?1 AND device_id = ?2 AND algorithm = ?3")
          .setParameter(1, user)
          .setParameter(2, device)
          .setParameter(3, id.algorithm())
          .executeUpdate();
    }
    em.createNativeQuery(
            "INSERT INTO fallback_key (user_id, device_id, algorithm, key_id, key_json, used)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, FALSE)")
        .setParameter(1, user)
        .setParameter(2, device)
        .setParameter(3, id.algorithm())
        .setParameter(4, id.keyId())
        .setParameter(5, json)
        .executeUpdate();
  }

  /** The device's unclaimed one-time keys per algorithm (signed_curve25519 always present). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, Long> oneTimeKeyCounts(Requester requester) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put(SIGNED_CURVE25519, 0L);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT algorithm, COUNT(*) FROM one_time_key WHERE user_id = ?1 AND device_id = ?2"
                    + " GROUP BY algorithm")
            .setParameter(1, requester.userId().toString())
            .setParameter(2, requester.deviceId())
            .getResultList();
    rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
    return counts;
  }

  /** What /sync tells a device of its keys, read in one query. */
  public record KeyCounts(Map<String, Long> oneTimeKeys, List<String> unusedFallbackKeyTypes) {}

  /**
   * The device's unclaimed one-time keys per algorithm (signed_curve25519 always present) and the
   * algorithms of its fallback keys nobody has claimed yet.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public KeyCounts keyCounts(Requester requester) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put(SIGNED_CURVE25519, 0L);
    List<String> fallback = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT algorithm, COUNT(*), 0 FROM one_time_key WHERE user_id = ?1 AND device_id = ?2"
                    + " GROUP BY algorithm"
                    + " UNION ALL SELECT algorithm, 0, 1 FROM fallback_key WHERE user_id = ?1"
                    + " AND device_id = ?2 AND used = FALSE ORDER BY 3, 1")
            .setParameter(1, requester.userId().toString())
            .setParameter(2, requester.deviceId())
            .getResultList();
    for (Object[] row : rows) {
      if (((Number) row[2]).intValue() == 0) {
        counts.put((String) row[0], ((Number) row[1]).longValue());
      } else {
        fallback.add((String) row[0]);
      }
    }
    return new KeyCounts(counts, fallback);
  }

  /** GET /keys/changes: users whose device lists changed or who left between two tokens. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public DeviceLists.Changes changes(Requester requester, long from, long to) {
    return deviceLists.since(requester.userId(), from, to);
  }

  /** A deleted device's keys go with it, and everyone sharing a room learns of the change. */
  public void deviceRemoved(@Observes DeviceRemoved removed) {
    String user = removed.userId().toString();
    for (String table : List.of("device_keys", "one_time_key", "fallback_key")) {
      em.createNativeQuery("DELETE FROM " + table + " WHERE user_id = ?1 AND device_id = ?2")
          .setParameter(1, user)
          .setParameter(2, removed.deviceId())
          .executeUpdate();
    }
    em.createNativeQuery(
            "DELETE FROM key_signature WHERE target_user_id = ?1 AND target_key_id = ?2")
        .setParameter(1, user)
        .setParameter(2, removed.deviceId())
        .executeUpdate();
    deviceLists.changed(removed.userId());
  }

  static JsonObject parse(String json) {
    return parseValue(json).asJsonObject();
  }

  static JsonValue parseValue(String json) {
    try (var reader = Jsonp.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
