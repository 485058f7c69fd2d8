package de.timkim.connector;

import jakarta.resource.Referenceable;
import java.io.Serializable;

/**
 * Bound in JNDI by the resource adapter (java:/eis/Konnektor by default, see
 * wildfly-config/src/main/cli/configure-konnektor.cli). Connections come from a pool of at most
 * TIM_KONNEKTOR_POOL_MAX; a caller waits at most the blocking timeout for one, then gets {@link
 * KonnektorUnavailableException}. Close connections (try-with-resources).
 */
public interface KonnektorConnectionFactory extends Serializable, Referenceable {

  /** A pooled connection to the configured Konnektor backend. */
  KonnektorConnection getConnection() throws KonnektorException;

  /** A pooled connection to another Konnektor than the configured one. */
  KonnektorConnection getConnection(KonnektorTarget target) throws KonnektorException;
}
