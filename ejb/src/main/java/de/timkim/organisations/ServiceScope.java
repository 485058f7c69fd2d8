package de.timkim.organisations;

import de.timkim.admin.accounts.SignedInAdmin;
import java.util.List;

/**
 * A {@link TenantScope} narrowed to one messenger service of the admin's organisation, for the
 * operations that work on one server name (its users, codes, notices, retention). Made only by
 * {@link Organisations#scopeFor}, after it checked that the service is the organisation's.
 */
public final class ServiceScope extends TenantScope {

  private final String serverName;

  ServiceScope(SignedInAdmin admin, String serverName) {
    super(admin, List.of(serverName));
    this.serverName = serverName;
  }

  public String serverName() {
    return serverName;
  }
}
