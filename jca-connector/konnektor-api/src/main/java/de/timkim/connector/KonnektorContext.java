package de.timkim.connector;

import java.io.Serializable;
import java.util.Objects;

/**
 * The Konnektor's call context (ConnectorContext v2.0 {@code Context}): which Mandant, client
 * system and workplace a call is made for. A real Konnektor checks these against its information
 * model and answers 4004/4005/4006 for unknown IDs.
 *
 * @param userId only needed with an eHBA (the Konnektor keys HBA card sessions by user)
 */
public record KonnektorContext(
    String mandantId, String clientSystemId, String workplaceId, String userId)
    implements Serializable {

  public KonnektorContext {
    requireId(mandantId, "mandantId");
    requireId(clientSystemId, "clientSystemId");
    requireId(workplaceId, "workplaceId");
    if (userId != null && userId.length() > 64) {
      throw new IllegalArgumentException("userId longer than 64 characters");
    }
  }

  public KonnektorContext(String mandantId, String clientSystemId, String workplaceId) {
    this(mandantId, clientSystemId, workplaceId, null);
  }

  private static void requireId(String value, String name) {
    Objects.requireNonNull(value, name);
    // ConnectorCommon v5.0 restricts MandantId, ClientSystemId and WorkplaceId to 64 characters
    if (value.isBlank() || value.length() > 64) {
      throw new IllegalArgumentException(name + " must have 1 to 64 characters");
    }
  }
}
