package de.timkim.connector.soap;

import de.timkim.connector.KonnektorException;
import de.timkim.connector.soap.wire.AuthSignatureServicePortType;
import de.timkim.connector.soap.wire.CardServicePortType;
import de.timkim.connector.soap.wire.CertificateServicePortType;
import de.timkim.connector.soap.wire.EncryptionServicePortType;
import de.timkim.connector.soap.wire.EventServicePortType;
import de.timkim.connector.soap.wire.Namespaces;
import de.timkim.connector.soap.wire.SignatureServicePortType;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * The JAX-WS client ports of one Konnektor's services. Service URLs are the base URL plus the
 * service name (…/EventService, …/CardService, …); each port is made on first use, with the
 * timeouts and TLS client settings, and reused for the managed connection's lifetime.
 */
final class SoapPorts implements AutoCloseable {

  private final URI baseUrl;
  private final SoapSettings settings;
  private final Map<Class<?>, Object> ports = new HashMap<>();

  SoapPorts(URI baseUrl, SoapSettings settings) {
    this.baseUrl = baseUrl;
    this.settings = settings;
  }

  private synchronized <P> P port(Class<P> type, String wsdlNamespace, String serviceName)
      throws KonnektorException {
    Object port = ports.get(type);
    if (port == null) {
      Service service = Service.create(new QName(wsdlNamespace, serviceName));
      P created = service.getPort(new QName(wsdlNamespace, serviceName + "Port"), type);
      Map<String, Object> context = ((BindingProvider) created).getRequestContext();
      String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
      context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, base + serviceName);
      // CXF (WildFly's JAX-WS) and Metro spell the timeouts differently; set both
      Integer timeout = settings.timeoutMillis();
      context.put("jakarta.xml.ws.client.connectionTimeout", timeout);
      context.put("jakarta.xml.ws.client.receiveTimeout", timeout);
      context.put("javax.xml.ws.client.connectionTimeout", timeout);
      context.put("javax.xml.ws.client.receiveTimeout", timeout);
      context.put("com.sun.xml.ws.connect.timeout", timeout);
      context.put("com.sun.xml.ws.request.timeout", timeout);
      if (settings.tlsKeyStore() != null) {
        try {
          SoapTls.configure(context, settings);
        } catch (GeneralSecurityException | IOException e) {
          throw new KonnektorException(
              0, "Cannot load the TLS client key store: " + e.getMessage(), e);
        }
      }
      ports.put(type, created);
      port = created;
    }
    return type.cast(port);
  }

  EventServicePortType events() throws KonnektorException {
    return port(EventServicePortType.class, Namespaces.EVT_WSDL, "EventService");
  }

  CardServicePortType cardService() throws KonnektorException {
    return port(CardServicePortType.class, Namespaces.CARD_WSDL, "CardService");
  }

  CertificateServicePortType certificates() throws KonnektorException {
    return port(CertificateServicePortType.class, Namespaces.CERT_WSDL, "CertificateService");
  }

  SignatureServicePortType signatures() throws KonnektorException {
    return port(SignatureServicePortType.class, Namespaces.SIG_WSDL, "SignatureService");
  }

  AuthSignatureServicePortType authSignatures() throws KonnektorException {
    return port(AuthSignatureServicePortType.class, Namespaces.AUTH_WSDL, "AuthSignatureService");
  }

  EncryptionServicePortType encryption() throws KonnektorException {
    return port(EncryptionServicePortType.class, Namespaces.CRYPT_WSDL, "EncryptionService");
  }

  @Override
  public synchronized void close() {
    for (Object port : ports.values()) {
      if (port instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing a client proxy only frees its conduit; nothing to report
        }
      }
    }
    ports.clear();
  }
}
