package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.soap.SoapSettings;
import de.timkim.connector.soft.SoftwareCardStore;
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
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Settings of one Konnektor connection definition and the factory the pool calls. All settings come
 * from configure-konnektor.cli (config-properties), which reads them from the environment.
 */
@ConnectionDefinition(
    connectionFactory = KonnektorConnectionFactory.class,
    connectionFactoryImpl = KonnektorConnectionFactoryImpl.class,
    connection = KonnektorConnection.class,
    connectionImpl = KonnektorConnectionHandle.class)
public class KonnektorManagedConnectionFactory
    implements ManagedConnectionFactory, ResourceAdapterAssociation {

  private static final long serialVersionUID = 1L;

  /** What configure-konnektor.cli sets for an optional setting that is not configured. */
  static final String NOT_SET = "none";

  @ConfigProperty(defaultValue = "software", description = "software | soap")
  private String backend = KonnektorBackends.SOFTWARE;

  @ConfigProperty(
      description = "soap: base URL of the Konnektor's services, e.g. https://konnektor.example/ws")
  private String soapEndpoint = "";

  @ConfigProperty(defaultValue = "10000", description = "soap: connect and read timeout (ms)")
  private Integer soapTimeoutMillis = 10_000;

  @ConfigProperty(
      description = "soap: PKCS#12 file with the client system's TLS key and certificate")
  private String tlsKeyStore = "";

  @ConfigProperty(description = "soap: password of tlsKeyStore", confidential = true)
  private String tlsKeyStorePassword = "";

  @ConfigProperty(
      description = "soap: PKCS#12 or JKS file with the Konnektor's TLS CA; empty: JDK default")
  private String tlsTrustStore = "";

  @ConfigProperty(description = "soap: password of tlsTrustStore", confidential = true)
  private String tlsTrustStorePassword = "";

  @ConfigProperty(defaultValue = "TIM-KIM", description = "default call context: MandantId")
  private String mandantId = "TIM-KIM";

  @ConfigProperty(defaultValue = "TIM-KIM", description = "default call context: ClientSystemId")
  private String clientSystemId = "TIM-KIM";

  @ConfigProperty(
      defaultValue = "TIM-KIM-Server",
      description = "default call context: WorkplaceId")
  private String workplaceId = "TIM-KIM-Server";

  @ConfigProperty(
      description =
          "software: directory of the test PKI and cards; empty: <jboss.server.data.dir>/tim/konnektor")
  private String dataDirectory = "";

  private transient ResourceAdapter resourceAdapter;
  private transient PrintWriter logWriter;
  private transient SoftwareCardStore softwareCards;

  public String getBackend() {
    return backend;
  }

  public void setBackend(String backend) {
    this.backend = backend;
  }

  public String getSoapEndpoint() {
    return soapEndpoint;
  }

  public void setSoapEndpoint(String soapEndpoint) {
    this.soapEndpoint = soapEndpoint;
  }

  public Integer getSoapTimeoutMillis() {
    return soapTimeoutMillis;
  }

  public void setSoapTimeoutMillis(Integer soapTimeoutMillis) {
    this.soapTimeoutMillis = soapTimeoutMillis;
  }

  public String getTlsKeyStore() {
    return tlsKeyStore;
  }

  public void setTlsKeyStore(String tlsKeyStore) {
    this.tlsKeyStore = tlsKeyStore;
  }

  public String getTlsKeyStorePassword() {
    return tlsKeyStorePassword;
  }

  public void setTlsKeyStorePassword(String tlsKeyStorePassword) {
    this.tlsKeyStorePassword = tlsKeyStorePassword;
  }

  public String getTlsTrustStore() {
    return tlsTrustStore;
  }

  public void setTlsTrustStore(String tlsTrustStore) {
    this.tlsTrustStore = tlsTrustStore;
  }

  public String getTlsTrustStorePassword() {
    return tlsTrustStorePassword;
  }

  public void setTlsTrustStorePassword(String tlsTrustStorePassword) {
    this.tlsTrustStorePassword = tlsTrustStorePassword;
  }

  public String getMandantId() {
    return mandantId;
  }

  public void setMandantId(String mandantId) {
    this.mandantId = mandantId;
  }

  public String getClientSystemId() {
    return clientSystemId;
  }

  public void setClientSystemId(String clientSystemId) {
    this.clientSystemId = clientSystemId;
  }

  public String getWorkplaceId() {
    return workplaceId;
  }

  public void setWorkplaceId(String workplaceId) {
    this.workplaceId = workplaceId;
  }

  public String getDataDirectory() {
    return dataDirectory;
  }

  public void setDataDirectory(String dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  KonnektorContext defaultContext() {
    return new KonnektorContext(mandantId, clientSystemId, workplaceId);
  }

  SoapSettings soapSettings() {
    return new SoapSettings(
        soapTimeoutMillis == null ? 10_000 : soapTimeoutMillis,
        blankToNull(tlsKeyStore),
        password(tlsKeyStorePassword),
        blankToNull(tlsTrustStore),
        password(tlsTrustStorePassword));
  }

  /**
   * The software Konnektor's cards, shared by all managed connections of this definition: opened
   * (and on the very first start created) when the first software connection is made.
   */
  synchronized SoftwareCardStore softwareCards() throws KonnektorException {
    if (softwareCards == null) {
      softwareCards = SoftwareCardStore.open(softwareDirectory(), mandantId);
    }
    return softwareCards;
  }

  private static char[] password(String value) {
    String set = blankToNull(value);
    return set == null ? new char[0] : set.toCharArray();
  }

  Path softwareDirectory() {
    if (dataDirectory != null && !dataDirectory.isBlank()) {
      return Path.of(dataDirectory.trim());
    }
    String serverData = System.getProperty("jboss.server.data.dir");
    Path base =
        serverData != null ? Path.of(serverData) : Path.of(System.getProperty("java.io.tmpdir"));
    return base.resolve("tim").resolve("konnektor");
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
      KonnektorTarget requested = requestedTarget(info);
      KonnektorTarget target =
          requested != null ? requested : KonnektorBackends.defaultTarget(this);
      return new KonnektorManagedConnection(this, KonnektorBackends.open(this, target), requested);
    } catch (KonnektorException e) {
      throw new ResourceException(e.getMessage(), e);
    }
  }

  @Override
  public ManagedConnection matchManagedConnections(
      @SuppressWarnings("rawtypes") Set candidates, Subject subject, ConnectionRequestInfo info) {
    KonnektorTarget requested = requestedTarget(info);
    for (Object candidate : candidates) {
      if (candidate instanceof KonnektorManagedConnection connection
          && connection.serves(this, requested)) {
        return connection;
      }
    }
    return null;
  }

  private static KonnektorTarget requestedTarget(ConnectionRequestInfo info) {
    return info instanceof KonnektorRequest request ? request.target() : null;
  }

  /** Unset: empty, or "none" (WildFly refuses empty config-property values). */
  static String blankToNull(String value) {
    return value == null || value.isBlank() || NOT_SET.equals(value.trim()) ? null : value.trim();
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
        && Objects.equals(backend, that.backend)
        && Objects.equals(soapEndpoint, that.soapEndpoint)
        && Objects.equals(mandantId, that.mandantId)
        && Objects.equals(clientSystemId, that.clientSystemId)
        && Objects.equals(workplaceId, that.workplaceId)
        && Objects.equals(dataDirectory, that.dataDirectory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        backend, soapEndpoint, mandantId, clientSystemId, workplaceId, dataDirectory);
  }
}
