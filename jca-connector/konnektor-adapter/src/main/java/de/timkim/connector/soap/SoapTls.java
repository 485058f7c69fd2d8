package de.timkim.connector.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;

/**
 * TLS with a client certificate for the SOAP calls. WildFly's JAX-WS runtime is Apache CXF, whose
 * HTTP conduit takes per-request TLS parameters from the request context under the class name of
 * TLSClientParameters; the JDK-wide SSL defaults stay untouched. Loaded only when a key store is
 * configured.
 */
final class SoapTls {

  private SoapTls() {}

  static void configure(Map<String, Object> requestContext, SoapSettings settings)
      throws GeneralSecurityException, IOException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(
        load(settings.tlsKeyStore(), settings.tlsKeyStorePassword()),
        settings.tlsKeyStorePassword());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(
        settings.tlsTrustStore() == null
            ? null
            : load(settings.tlsTrustStore(), settings.tlsTrustStorePassword()));
    TLSClientParameters parameters = new TLSClientParameters();
    parameters.setKeyManagers(keys.getKeyManagers());
    parameters.setTrustManagers(trust.getTrustManagers());
    parameters.setDisableCNCheck(false);
    SSLContext context = SSLContext.getInstance("TLSv1.2");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    parameters.setSSLSocketFactory(context.getSocketFactory());
    requestContext.put(TLSClientParameters.class.getName(), parameters);
  }

  private static KeyStore load(String file, char[] password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(file.endsWith(".jks") ? "JKS" : "PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      store.load(in, password);
    }
    return store;
  }
}
