package de.timkim.messenger.keys;

import de.timkim.platform.json.Jsonp;
import de.timkim.platform.secrets.SecretsAtRestStartup;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server's published keys (https://spec.matrix.org/v1.11/server-server-api/#publishing-keys). A
 * key is created the first time a server name needs one; when two nodes race, the primary key makes
 * one insert lose and that node uses the winner's key.
 */
@Stateless
public class ServerKeyService {

  private static final Logger LOG = Logger.getLogger(ServerKeyService.class.getName());

  /** Other servers may cache our keys this long before asking again. */
  static final Duration VALIDITY = Duration.ofDays(7);

  @PersistenceContext private EntityManager em;

  @Inject private SigningKeyCreator creator;

  @Inject private Clock clock;

  @Inject private SigningKeyCache cache;

  @Inject private SecretsAtRestStartup secrets;

  /** The response body of GET /_matrix/key/v2/server for this server name. */
  public JsonObject publishedKeys(String serverName) {
    ServerSigningKey key = currentKey(serverName);
    JsonObject body =
        Jsonp.createObjectBuilder()
            .add("server_name", serverName)
            .add("valid_until_ts", clock.millis() + VALIDITY.toMillis())
            .add(
                "verify_keys",
                Jsonp.createObjectBuilder()
                    .add(key.keyId(), Jsonp.createObjectBuilder().add("key", key.publicKey())))
            .add("old_verify_keys", Jsonp.createObjectBuilder())
            .build();
    return JsonSigning.sign(
        body, serverName, key.keyId(), Ed25519.decodeBase64(secrets.secrets().open(key.seed())));
  }

  /** Signs any JSON object as this server (events, federation requests). */
  public JsonObject sign(String serverName, JsonObject object) {
    SigningKeyCache.Key key =
        cache.get(
            serverName,
            name -> {
              ServerSigningKey stored = currentKey(name);
              byte[] seed = Ed25519.decodeBase64(secrets.secrets().open(stored.seed()));
              return new SigningKeyCache.Key(stored.keyId(), seed, Ed25519.publicKey(seed));
            });
    return JsonSigning.sign(object, serverName, key.keyId(), key.seed(), key.publicKey());
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ServerSigningKey currentKey(String serverName) {
    List<ServerSigningKey> keys = findCurrent(serverName);
    if (!keys.isEmpty()) {
      return keys.get(0);
    }
    try {
      creator.create(serverName);
      LOG.info(() -> "Created a signing key for server name " + serverName);
    } catch (RuntimeException lostRace) {
      LOG.fine(() -> "Another node created the signing key for " + serverName + " first");
    }
    keys = findCurrent(serverName);
    if (keys.isEmpty()) {
      throw new IllegalStateException("No signing key could be created for " + serverName);
    }
    return keys.get(0);
  }

  private List<ServerSigningKey> findCurrent(String serverName) {
    return em.createNamedQuery(ServerSigningKey.CURRENT, ServerSigningKey.class)
        .setParameter("serverName", serverName)
        .setMaxResults(1)
        .getResultList();
  }
}
