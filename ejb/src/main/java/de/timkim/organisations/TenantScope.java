package de.timkim.organisations;

import de.timkim.admin.accounts.SignedInAdmin;
import java.util.List;

/**
 * What one admin request may touch: the admin's organisation and the server names it runs. Only
 * {@link Organisations#scopeOf} makes one (constructor package-private), so an admin operation that
 * takes a scope cannot be called for another organisation: the ownership check happens once, there.
 */
public class TenantScope {

  private final SignedInAdmin admin;
  private final List<String> serverNames;

  TenantScope(SignedInAdmin admin, List<String> serverNames) {
    this.admin = admin;
    this.serverNames = List.copyOf(serverNames);
  }

  /** Who acts (for the audit log and "handled by"); never used to decide ownership again. */
  public SignedInAdmin admin() {
    return admin;
  }

  public String organisationId() {
    return admin.organisationId();
  }

  /** The server names in scope, oldest service first. */
  public List<String> serverNames() {
    return serverNames;
  }

  /** Whether the server name is one of the scope's (another organisation's and unknown alike). */
  public boolean owns(String serverName) {
    return serverName != null && serverNames.contains(serverName);
  }
}
