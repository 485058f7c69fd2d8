package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.ProductInformation;

/** What an EJB holds: delegates to the managed connection's backend until closed. */
final class KonnektorConnectionHandle implements KonnektorConnection {

  private volatile KonnektorManagedConnection managed;

  KonnektorConnectionHandle(KonnektorManagedConnection managed) {
    this.managed = managed;
  }

  void reassociate(KonnektorManagedConnection other) {
    this.managed = other;
  }

  void invalidate() {
    this.managed = null;
  }

  private KonnektorManagedConnection open() throws KonnektorException {
    KonnektorManagedConnection current = managed;
    if (current == null) {
      throw new KonnektorException(0, "The Konnektor connection is closed");
    }
    return current;
  }

  @Override
  public ProductInformation productInformation() throws KonnektorException {
    KonnektorManagedConnection current = open();
    try {
      return current.backend().productInformation();
    } catch (RuntimeException e) {
      current.backendFailed(this, e);
      throw new KonnektorException(0, "Konnektor backend failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    KonnektorManagedConnection current = managed;
    if (current != null) {
      managed = null;
      current.handleClosed(this);
    }
  }
}
