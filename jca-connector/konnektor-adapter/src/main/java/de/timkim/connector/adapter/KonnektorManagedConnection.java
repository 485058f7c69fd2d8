package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.backend.KonnektorBackend;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** A pooled physical connection: one backend session, handed out through handles. */
final class KonnektorManagedConnection implements ManagedConnection {

  private final KonnektorManagedConnectionFactory factory;
  private final KonnektorBackend backend;
  private final KonnektorTarget target;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private final List<KonnektorConnectionHandle> handles = new CopyOnWriteArrayList<>();
  private PrintWriter logWriter;

  KonnektorManagedConnection(
      KonnektorManagedConnectionFactory factory, KonnektorBackend backend, KonnektorTarget target) {
    this.factory = factory;
    this.backend = backend;
    this.target = target;
  }

  /** Whether the pool may hand this connection to a request for the target (null: default). */
  boolean serves(KonnektorManagedConnectionFactory candidate, KonnektorTarget requested) {
    return factory.equals(candidate) && java.util.Objects.equals(target, requested);
  }

  KonnektorContext defaultContext() {
    return factory.defaultContext();
  }

  KonnektorBackend backend() {
    return backend;
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info) {
    KonnektorConnectionHandle handle = new KonnektorConnectionHandle(this);
    handles.add(handle);
    return handle;
  }

  void handleClosed(KonnektorConnectionHandle handle) {
    handles.remove(handle);
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    listeners.forEach(listener -> listener.connectionClosed(event));
  }

  /** The backend failed in a way that makes this connection unusable: the pool drops it. */
  void backendFailed(KonnektorConnectionHandle handle, Exception cause) {
    ConnectionEvent event =
        new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
    event.setConnectionHandle(handle);
    listeners.forEach(listener -> listener.connectionErrorOccurred(event));
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof KonnektorConnectionHandle handle)) {
      throw new ResourceException("Not a Konnektor connection handle: " + connection);
    }
    handle.reassociate(this);
    handles.add(handle);
  }

  @Override
  public void cleanup() {
    handles.forEach(KonnektorConnectionHandle::invalidate);
    handles.clear();
  }

  @Override
  public void destroy() {
    cleanup();
    backend.close();
  }

  @Override
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public XAResource getXAResource() throws ResourceException {
    throw new NotSupportedException("Konnektor operations are not transactional");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("Konnektor operations are not transactional");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return "gematik TI Konnektor";
      }

      @Override
      public String getEISProductVersion() {
        return factory.getBackend();
      }

      @Override
      public int getMaxConnections() {
        return 0;
      }

      @Override
      public String getUserName() {
        return null;
      }
    };
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }
}
