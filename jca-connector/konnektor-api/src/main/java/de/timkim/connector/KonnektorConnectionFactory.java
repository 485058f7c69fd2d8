package de.timkim.connector;

import jakarta.resource.Referenceable;
import java.io.Serializable;

/**
 * Bound in JNDI by the resource adapter (java:/eis/Konnektor by default, see
 * wildfly-config/src/main/cli/configure-konnektor.cli). Connections come from a pool; close them.
 */
public interface KonnektorConnectionFactory extends Serializable, Referenceable {

  /** A pooled connection to the configured Konnektor backend. */
  KonnektorConnection getConnection() throws KonnektorException;
}
