package de.timkim.platform.status;

import java.util.List;

/**
 * One node's view of its dependencies.
 *
 * @param databaseReachable whether TimDS answered a query
 * @param databaseProduct the database's product name, e.g. "PostgreSQL" or "H2"
 * @param konnektor "vendor product version (backend)" or the error the adapter gave
 * @param konnektorReachable whether the Konnektor answered
 * @param serverNames the Matrix server names this deployment serves
 */
public record ServiceStatus(
    boolean databaseReachable,
    String databaseProduct,
    boolean konnektorReachable,
    String konnektor,
    List<String> serverNames) {

  public boolean healthy() {
    return databaseReachable && konnektorReachable;
  }
}
