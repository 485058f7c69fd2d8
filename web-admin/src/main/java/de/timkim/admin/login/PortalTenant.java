package de.timkim.admin.login;

import de.timkim.organisations.Organisations;
import de.timkim.organisations.ServiceScope;
import de.timkim.organisations.TenantScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The signed-in admin's tenant scope, as the organisations facade grants it: the views hand it to
 * the admin services and never decide ownership themselves (the REST API's {@code CurrentAdmin}
 * does the same for automation).
 */
@RequestScoped
public class PortalTenant {

  @Inject AdminSession session;

  @Inject Organisations organisations;

  /** The admin's whole organisation. */
  public TenantScope scope() {
    return organisations.scopeOf(session.requireAdmin());
  }

  /** One service of the admin's organisation; another's is refused (NOT_YOUR_ORGANISATION). */
  public ServiceScope scopeFor(String serverName) {
    return organisations.scopeFor(session.requireAdmin(), serverName);
  }
}
