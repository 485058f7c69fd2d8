package de.timkim.messenger.devicekeys;

import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.DeviceRemoved;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Device identity keys, one-time and fallback keys
 * (https://spec.matrix.org/v1.11/client-server-api/#end-to-end-encryption): upload, query and
 * claim. A one-time key is claimed by deleting its row, so across transactions and cluster nodes
 * only one claimer ever gets it; the fallback key is handed out when none is left.
 */
@Stateless
public class DeviceKeyService {

  /** The algorithm clients count on seeing, even at zero (Olm's signed one-time keys). */
  static final String SIGNED_CURVE25519 = "signed_curve25519";

  /** Keys read at once for a claim; each is tried in turn. */
  private static final int CLAIM_CANDIDATES = 20;

  /** Fresh reads of candidates before a claim gives up with 429. */
  private static final int CLAIM_ROUNDS = 5;

  @PersistenceContext private EntityManager em;

  @Inject private DeviceLists deviceLists;

  @Inject private CrossSigningService crossSigning;

  @Inject private ServerNames serverNames;

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

  /**
   * POST /keys/query: device keys of the asked users (all devices when the list is empty) with the
   * signatures others uploaded for them, plus their cross-signing keys. Users of other servers
   * appear under failures: this server does not federate yet.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public JsonObject query(Requester requester, Map<String, List<String>> wanted) {
    JsonObjectBuilder deviceKeys = Jsonp.createObjectBuilder();
    JsonObjectBuilder failures = Jsonp.createObjectBuilder();
    Map<String, JsonObject> master = new LinkedHashMap<>();
    Map<String, JsonObject> selfSigning = new LinkedHashMap<>();
    JsonObject userSigning = null;
    Set<String> local = Set.copyOf(serverNames.all());
    for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
      UserId userId = UserId.parse(entry.getKey());
      if (!local.contains(userId.serverName())) {
        failures.add(
            userId.serverName(),
            Jsonp.createObjectBuilder()
                .add("status", 503)
                .add("message", "Federation is not available on this server"));
        continue;
      }
      String user = userId.toString();
      deviceKeys.add(user, devicesOf(user, entry.getValue()));
      crossSigning
          .key(user, CrossSigningService.MASTER, requester.userId().toString())
          .ifPresent(k -> master.put(user, k));
      crossSigning
          .key(user, CrossSigningService.SELF_SIGNING, requester.userId().toString())
          .ifPresent(k -> selfSigning.put(user, k));
      if (user.equals(requester.userId().toString())) {
        userSigning = crossSigning.key(user, CrossSigningService.USER_SIGNING, user).orElse(null);
      }
    }
    JsonObjectBuilder answer =
        Jsonp.createObjectBuilder()
            .add("device_keys", deviceKeys)
            .add("failures", failures)
            .add("master_keys", Jsonp.createObjectBuilder(new LinkedHashMap<>(master)))
            .add("self_signing_keys", Jsonp.createObjectBuilder(new LinkedHashMap<>(selfSigning)));
    JsonObjectBuilder userSigningKeys = Jsonp.createObjectBuilder();
    if (userSigning != null) {
      userSigningKeys.add(requester.userId().toString(), userSigning);
    }
    return answer.add("user_signing_keys", userSigningKeys).build();
  }

  private JsonObject devicesOf(String user, List<String> deviceIds) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT k.device_id, k.key_json, d.display_name FROM device_keys k"
                    + " JOIN device d ON d.user_id = k.user_id AND d.device_id = k.device_id"
                    + " WHERE k.user_id = ?1 ORDER BY k.device_id")
            .setParameter(1, user)
            .getResultList();
    JsonObjectBuilder devices = Jsonp.createObjectBuilder();
    for (Object[] row : rows) {
      String deviceId = (String) row[0];
      if (!deviceIds.isEmpty() && !deviceIds.contains(deviceId)) {
        continue;
      }
      JsonObject keys = crossSigning.withSignatures(parse((String) row[1]), user, deviceId, null);
      JsonObjectBuilder unsigned = Jsonp.createObjectBuilder();
      if (row[2] != null) {
        unsigned.add("device_display_name", (String) row[2]);
      }
      devices.add(deviceId, Jsonp.createObjectBuilder(keys).add("unsigned", unsigned));
    }
    return devices.build();
  }

  /** A one-time key claim: which algorithm is wanted from which device of which user. */
  public record Claim(String userId, String deviceId, String algorithm) {}

  /**
   * POST /keys/claim: per device one unclaimed one-time key of the algorithm, else its fallback
   * key; devices with neither are left out, users of other servers are failures.
   */
  public JsonObject claim(List<Claim> claims) {
    Map<String, Map<String, JsonObjectBuilder>> found = new TreeMap<>();
    JsonObjectBuilder failures = Jsonp.createObjectBuilder();
    Set<String> local = Set.copyOf(serverNames.all());
    Set<String> failedServers = new TreeSet<>();
    for (Claim claim : claims) {
      UserId userId = UserId.parse(claim.userId());
      if (!local.contains(userId.serverName())) {
        failedServers.add(userId.serverName());
        continue;
      }
      Object[] key = claimOneTimeKey(claim);
      if (key == null) {
        key = claimFallbackKey(claim);
      }
      if (key != null) {
        found
            .computeIfAbsent(claim.userId(), u -> new TreeMap<>())
            .computeIfAbsent(claim.deviceId(), d -> Jsonp.createObjectBuilder())
            .add(claim.algorithm() + ":" + key[0], parseValue((String) key[1]));
      }
    }
    failedServers.forEach(
        server ->
            failures.add(
                server,
                Jsonp.createObjectBuilder()
                    .add("status", 503)
                    .add("message", "Federation is not available on this server")));
    JsonObjectBuilder keys = Jsonp.createObjectBuilder();
    found.forEach(
        (user, devices) -> {
          JsonObjectBuilder byDevice = Jsonp.createObjectBuilder();
          devices.forEach(byDevice::add);
          keys.add(user, byDevice);
        });
    return Jsonp.createObjectBuilder().add("one_time_keys", keys).add("failures", failures).build();
  }

  /**
   * Takes the oldest remaining key by deleting it: a concurrent claimer of the same row blocks on
   * the delete (or, on H2, may find it locked) and then deletes nothing. It then tries the next of
   * the keys it read rather than the same one again, so claimers racing for the oldest key spread
   * over the next ones instead of spinning on it until the other transaction commits.
   */
  private Object[] claimOneTimeKey(Claim claim) {
    for (int round = 0; round < CLAIM_ROUNDS; round++) {
      @SuppressWarnings("unchecked")
      List<Object[]> candidates =
          em.createNativeQuery(
                  "SELECT key_id, key_json FROM one_time_key WHERE user_id = ?1 AND device_id = ?2"
                      + " AND algorithm = ?3 ORDER BY key_id")
              .setParameter(1, claim.userId())
              .setParameter(2, claim.deviceId())
              .setParameter(3, claim.algorithm())
              .setMaxResults(CLAIM_CANDIDATES)
              .getResultList();
      if (candidates.isEmpty()) {
        return null;
      }
      for (Object[] candidate : candidates) {
        int deleted =
            em.createNativeQuery(
                    "DELETE FROM one_time_key WHERE user_id = ?1 AND device_id = ?2"
                        + " AND algorithm = ?3 AND key_id = ?4")
                .setParameter(1, claim.userId())
                .setParameter(2, claim.deviceId())
                .setParameter(3, claim.algorithm())
                .setParameter(4, candidate[0])
                .executeUpdate();
        if (deleted == 1) {
          return candidate;
        }
      }
    }
    throw new MatrixException(
        ErrorCode.M_LIMIT_EXCEEDED, 429, "Too many concurrent claims; retry", Map.of());
  }

  private Object[] claimFallbackKey(Claim claim) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT key_id, key_json FROM fallback_key WHERE user_id = ?1 AND device_id = ?2"
                    + " AND algorithm = ?3")
            .setParameter(1, claim.userId())
            .setParameter(2, claim.deviceId())
            .setParameter(3, claim.algorithm())
            .getResultList();
    if (rows.isEmpty()) {
      return null;
    }
    em.createNativeQuery(
            "UPDATE fallback_key SET used = TRUE WHERE user_id = ?1 AND device_id = ?2"
                + " AND algorithm = ?3")
        .setParameter(1, claim.userId())
        .setParameter(2, claim.deviceId())
        .setParameter(3, claim.algorithm())
        .executeUpdate();
    return rows.get(0);
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
