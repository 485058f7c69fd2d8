package de.timkim.kim.tls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server TLS for the mail listeners. Uses {@code kim.tls.keystore} if set; otherwise the key store
 * WildFly's HTTPS listener uses ({@code standalone/configuration/tim-tls.p12}) if Elytron has
 * created it already; otherwise a self-signed key for {@code kim.tls.host}, generated once into
 * {@code standalone/data/tim/kim-tls.p12} (Elytron creates its own only on the first HTTPS
 * handshake, which may come after the listeners start).
 */
@ApplicationScoped
public class KimTls {

  private static final Logger LOG = Logger.getLogger(KimTls.class.getName());

  @Inject
  @ConfigProperty(name = "kim.tls.keystore")
  Optional<String> keyStorePath;

  @Inject
  @ConfigProperty(name = "kim.tls.keystore-password", defaultValue = "tim-generated")
  String keyStorePassword;

  @Inject
  @ConfigProperty(name = "kim.tls.host", defaultValue = "localhost")
  String host;

  @Inject
  @ConfigProperty(name = "kim.relay.peer-trust")
  Optional<String> peerTrustPath;

  /**
   * Protocols of every KIM TLS connection (BSI TR-02102-2 §3.2: TLS 1.2 and 1.3 only). TLS 1.1 and
   * older are refused.
   */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /**
   * Cipher suites of every KIM TLS connection: TLS 1.3's AES-GCM suites and, for TLS 1.2, ECDHE
   * with AES-GCM only (BSI TR-02102-2 §3.3.1, gemSpec_Krypt A_17124: forward secrecy, AEAD). No
   * CBC-SHA suites, no static RSA key exchange. The brainpool groups TI peers may offer
   * (gemSpec_Krypt A_17124) need Bouncy Castle's JSSE provider and are not configured here: the
   * JDK's NIST curves and X25519 are what SunJSSE offers.
   */
  public static final String[] CIPHER_SUITES = {
    "TLS_AES_256_GCM_SHA384",
    "TLS_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  };

  private SSLContext context;

  private SSLContext peerContext;

  private KeyStore keyStore;

  /** This installation's own certificates (the leaf of each key entry). */
  public synchronized List<X509Certificate> ownCertificates() {
    try {
      KeyStore own = load();
      List<X509Certificate> certificates = new ArrayList<>();
      for (String alias : java.util.Collections.list(own.aliases())) {
        if (own.getCertificate(alias) instanceof X509Certificate certificate) {
          certificates.add(certificate);
        }
      }
      return certificates;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot read the KIM TLS key store", e);
    }
  }

  /** Limits a server socket to {@link #PROTOCOLS} and {@link #CIPHER_SUITES}. */
  public static SSLServerSocket restrict(SSLServerSocket socket) {
    socket.setEnabledProtocols(PROTOCOLS);
    socket.setEnabledCipherSuites(CIPHER_SUITES);
    return socket;
  }

  /** Limits a socket to {@link #PROTOCOLS} and {@link #CIPHER_SUITES}. */
  public static SSLSocket restrict(SSLSocket socket) {
    socket.setEnabledProtocols(PROTOCOLS);
    socket.setEnabledCipherSuites(CIPHER_SUITES);
    return socket;
  }

  /**
   * Client sockets limited as {@link #restrict(SSLSocket)} that check the server's host name
   * against its certificate during the handshake (RFC 6125, endpoint identification as HTTPS does
   * it): Jakarta Mail's own check runs only after the handshake and only when asked to.
   */
  public static SSLSocketFactory verifyingHostName(SSLContext context) {
    return new HostCheckingSocketFactory(context.getSocketFactory());
  }

  /**
   * The context the client module talks to a Fachdienst with: its certificate must chain to one in
   * {@code trustStore} (PEM, the TI's CAs) with the host name checked, or be this installation's
   * own certificate (the Fachdienst beside the client module, whose generated certificate no CA
   * signed).
   */
  public synchronized SSLContext fachdienstClientContext(Optional<Path> trustStore) {
    try {
      List<X509Certificate> pinned = ownCertificates();
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int n = 0;
      if (trustStore.isPresent()) {
        try (InputStream in = Files.newInputStream(trustStore.get())) {
          for (Certificate ca :
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            trusted.setCertificateEntry("ti-" + n++, ca);
          }
        }
      }
      X509ExtendedTrustManager ti = null;
      if (n > 0) {
        javax.net.ssl.TrustManagerFactory factory =
            javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        factory.init(trusted);
        for (TrustManager manager : factory.getTrustManagers()) {
          if (manager instanceof X509ExtendedTrustManager extended) {
            ti = extended;
          }
        }
      }
      SSLContext created = SSLContext.getInstance("TLS");
      created.init(null, new TrustManager[] {new PinnedOrTi(pinned, ti)}, new SecureRandom());
      return created;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot set up TLS towards the Fachdienst", e);
    }
  }

  /** The server context (TLS 1.2 and 1.3) from the configured or generated key. */
  public synchronized SSLContext serverContext() {
    if (context != null) {
      return context;
    }
    try {
      KeyStore keyStore = load();
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, keyStorePassword.toCharArray());
      SSLContext created = SSLContext.getInstance("TLS");
      created.init(keyManagers.getKeyManagers(), null, new SecureRandom());
      context = created;
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot set up TLS for the KIM listeners", e);
    }
  }

  /**
   * The context for talking to other KIM Fachdienste in both directions (relay): it presents this
   * server's key as client certificate and trusts exactly the peer certificates in {@code
   * kim.relay.peer-trust} (PEM, CA or server certificates) plus this installation's own, so the
   * nodes of one cluster, and a test installation relaying to itself, trust each other.
   */
  public synchronized SSLContext peerContext() {
    if (peerContext != null) {
      return peerContext;
    }
    try {
      KeyStore keyStore = load();
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, keyStorePassword.toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int n = 0;
      for (String alias : java.util.Collections.list(keyStore.aliases())) {
        Certificate own = keyStore.getCertificate(alias);
        if (own != null) {
          trusted.setCertificateEntry("own-" + n++, own);
        }
      }
      Optional<Path> configured = peerTrustPath.filter(s -> !s.isBlank()).map(Path::of);
      if (configured.isPresent()) {
        try (InputStream in = Files.newInputStream(configured.get())) {
          for (Certificate peer :
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            trusted.setCertificateEntry("peer-" + n++, peer);
          }
        }
      }
      javax.net.ssl.TrustManagerFactory trustManagers =
          javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
      trustManagers.init(trusted);
      SSLContext created = SSLContext.getInstance("TLS");
      created.init(
          keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
      peerContext = created;
      return peerContext;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot set up TLS between KIM Fachdienste", e);
    }
  }

  /**
   * The key store every context here uses, read once: the client module pins the certificate the
   * listeners present, so both must come from the same file even if Elytron creates its own later.
   */
  private KeyStore load() throws GeneralSecurityException, IOException {
    if (keyStore == null) {
      keyStore = readOrGenerate();
    }
    return keyStore;
  }

  private KeyStore readOrGenerate() throws GeneralSecurityException, IOException {
    Path configured = keyStorePath.filter(s -> !s.isBlank()).map(Path::of).orElse(null);
    if (configured == null) {
      Path elytron = Path.of(System.getProperty("jboss.server.config.dir", "."), "tim-tls.p12");
      configured = Files.exists(elytron) ? elytron : null;
    }
    if (configured != null) {
      Path found = configured;
      LOG.info(() -> "KIM listeners use the TLS key store " + found);
      return read(found);
    }
    Path generated =
        Path.of(System.getProperty("jboss.server.data.dir", "."), "tim", "kim-tls.p12");
    if (!Files.exists(generated)) {
      generate(generated);
    }
    return read(generated);
  }

  private KeyStore read(Path path) throws GeneralSecurityException, IOException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      keyStore.load(in, keyStorePassword.toCharArray());
    }
    return keyStore;
  }

  private void generate(Path path) throws GeneralSecurityException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + host);
    Instant now = Instant.now();
    try {
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          subject,
                          new BigInteger(64, new SecureRandom()),
                          Date.from(now.minus(Duration.ofDays(1))),
                          Date.from(now.plus(Duration.ofDays(3650))),
                          subject,
                          pair.getPublic())
                      .addExtension(
                          Extension.subjectAlternativeName,
                          false,
                          new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
                      .build(
                          new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "server",
          pair.getPrivate(),
          keyStorePassword.toCharArray(),
          new Certificate[] {certificate});
      Files.createDirectories(path.getParent());
      Path tmp = Files.createTempFile(path.getParent(), "kim-tls", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        keyStore.store(out, keyStorePassword.toCharArray());
      }
      // two nodes sharing a data directory may race; the first one's key wins
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(() -> "Generated a self-signed TLS key for the KIM listeners in " + path);
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
