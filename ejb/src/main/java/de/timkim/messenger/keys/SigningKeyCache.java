package de.timkim.messenger.keys;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps each server name's current signing key in memory, so signing an event needs no query. A
 * cache only: the database holds the key, and every node loads the same one.
 */
@ApplicationScoped
public class SigningKeyCache {

  /**
   * A key ready for signing. The public key is kept beside the seed: deriving it again costs as
   * much as the signature itself.
   */
  public record Key(String keyId, byte[] seed, byte[] publicKey) {}

  private final Map<String, Key> keys = new ConcurrentHashMap<>();

  Key get(String serverName, Function<String, Key> load) {
    return keys.computeIfAbsent(serverName, load);
  }
}
