package de.timkim.organisations;

import java.io.Serializable;

/** One messenger service as the portal and the REST API show it. */
public record ServiceSummary(String serverName, String organisationId, long createdAt)
    implements Serializable {

  static ServiceSummary of(MessengerService service) {
    return new ServiceSummary(service.serverName(), service.organisationId(), service.createdAt());
  }
}
