package de.timkim.messenger.devicekeys;

import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who has which device keys
 * (https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysquery): the device keys
 * of local users with the signatures others uploaded for them, and their cross-signing keys.
 */
@Stateless
public class DeviceKeyQuery {

  @PersistenceContext private EntityManager em;

  @Inject private CrossSigningService crossSigning;

  @Inject private ServerNames serverNames;

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
        failures.add(userId.serverName(), federationUnavailable());
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
      JsonObject keys =
          crossSigning.withSignatures(
              DeviceKeyService.parse((String) row[1]), user, deviceId, null);
      JsonObjectBuilder unsigned = Jsonp.createObjectBuilder();
      if (row[2] != null) {
        unsigned.add("device_display_name", (String) row[2]);
      }
      devices.add(deviceId, Jsonp.createObjectBuilder(keys).add("unsigned", unsigned));
    }
    return devices.build();
  }

  /** What /keys/query and /keys/claim answer for a user of another server. */
  static JsonObjectBuilder federationUnavailable() {
    return Jsonp.createObjectBuilder()
        .add("status", 503)
        .add("message", "Federation is not available on this server");
  }
}
