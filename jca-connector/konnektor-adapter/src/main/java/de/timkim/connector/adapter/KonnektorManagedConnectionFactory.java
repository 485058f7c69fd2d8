package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/** Settings of one Konnektor connection definition and the factory the pool calls. */
@ConnectionDefinition(
    connectionFactory = KonnektorConnectionFactory.class,
    connectionFactoryImpl = KonnektorConnectionFactoryImpl.class,
    connection = KonnektorConnection.class,
    connectionImpl = KonnektorConnectionHandle.class)
public class KonnektorManagedConnectionFactory
    implements ManagedConnectionFactory, ResourceAdapterAssociation {

  private static final long serialVersionUID = 1L;

  @ConfigProperty(defaultValue = "software", description = "software | soap")
  private String backend = KonnektorBackends.SOFTWARE;

  private transient ResourceAdapter resourceAdapter;
  private transient PrintWriter logWriter;

  public String getBackend() {
    return backend;
  }

  public void setBackend(String backend) {
    this.backend = backend;
  }

  @Override
  public Object createConnectionFactory(ConnectionManager connectionManager) {
    return new KonnektorConnectionFactoryImpl(this, connectionManager);
  }

  @Override
  public Object createConnectionFactory() throws ResourceException {
    throw new ResourceException("The Konnektor adapter runs only inside the application server");
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    try {
      return new KonnektorManagedConnection(this, KonnektorBackends.open(this));
    } catch (KonnektorException e) {
      throw new ResourceException(e.getMessage(), e);
    }
  }

  @Override
  public ManagedConnection matchManagedConnections(
      @SuppressWarnings("rawtypes") Set candidates, Subject subject, ConnectionRequestInfo info) {
    for (Object candidate : candidates) {
      if (candidate instanceof KonnektorManagedConnection connection
          && connection.createdBy(this)) {
        return connection;
      }
    }
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter resourceAdapter) {
    this.resourceAdapter = resourceAdapter;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KonnektorManagedConnectionFactory that
        && Objects.equals(backend, that.backend);
  }

  @Override
  public int hashCode() {
    return Objects.hash(backend);
  }
}
