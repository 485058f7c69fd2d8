package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorTarget;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/**
 * The pool's key for a connection to a non-default Konnektor: managed connections only match
 * requests for the same target (JCA ConnectionRequestInfo, compared by equals).
 */
record KonnektorRequest(KonnektorTarget target) implements ConnectionRequestInfo {

  KonnektorRequest {
    Objects.requireNonNull(target, "target");
  }
}
