package de.timkim.messenger.devicekeys;

import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.UserId;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * POST /keys/claim (https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysclaim).
 * A one-time key is claimed by deleting its row, so across transactions and cluster nodes only one
 * claimer ever gets it; the fallback key is handed out when none is left.
 */
@Stateless
public class OneTimeKeyClaims {

  /** Keys read at once for a claim; each is tried in turn. */
  private static final int CLAIM_CANDIDATES = 20;

  /** Fresh reads of candidates before a claim gives up with 429. */
  private static final int CLAIM_ROUNDS = 5;

  @PersistenceContext private EntityManager em;

  @Inject private ServerNames serverNames;

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
            .add(claim.algorithm() + ":" + key[0], DeviceKeyService.parseValue((String) key[1]));
      }
    }
    failedServers.forEach(server -> failures.add(server, DeviceKeyQuery.federationUnavailable()));
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
}
