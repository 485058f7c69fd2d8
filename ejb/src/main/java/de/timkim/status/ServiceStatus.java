package de.timkim.status;

import java.io.Serializable;
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
// Serializable: the portal's overview keeps it in the distributable session; without it the
// session state transfer to a joining second node failed and held up that node's deployment
public record ServiceStatus(
    boolean databaseReachable,
    String databaseProduct,
    boolean konnektorReachable,
    String konnektor,
    List<String> serverNames)
    implements Serializable {

  public boolean healthy() {
    return databaseReachable && konnektorReachable;
  }
}
