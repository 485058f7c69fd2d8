package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.KonnektorUnavailableException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/** The object bound in JNDI; asks the container's pool for a connection. */
public class KonnektorConnectionFactoryImpl implements KonnektorConnectionFactory {

  private static final long serialVersionUID = 1L;

  private final transient KonnektorManagedConnectionFactory managedFactory;
  private final transient ConnectionManager connectionManager;
  private Reference reference;

  public KonnektorConnectionFactoryImpl(
      KonnektorManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    this.managedFactory = managedFactory;
    this.connectionManager = connectionManager;
  }

  @Override
  public KonnektorConnection getConnection() throws KonnektorException {
    try {
      return (KonnektorConnection) connectionManager.allocateConnection(managedFactory, null);
    } catch (ResourceException e) {
      throw unavailable(e);
    }
  }

  @Override
  public KonnektorConnection getConnection(KonnektorTarget target) throws KonnektorException {
    try {
      return (KonnektorConnection)
          connectionManager.allocateConnection(managedFactory, new KonnektorRequest(target));
    } catch (ResourceException e) {
      throw unavailable(e);
    }
  }

  /** The pool ran dry within the blocking timeout, or no managed connection could be made. */
  private static KonnektorException unavailable(ResourceException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause.getCause() instanceof KonnektorException konnektor) {
        return konnektor;
      }
      cause = cause.getCause();
    }
    return new KonnektorUnavailableException(
        "No Konnektor connection available: " + e.getMessage(), e);
  }

  @Override
  public void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public Reference getReference() {
    return reference;
  }
}
