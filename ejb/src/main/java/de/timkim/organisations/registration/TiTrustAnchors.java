package de.timkim.organisations.registration;

import de.timkim.platform.security.SmcbCertificateChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CA certificates an SMC-B's authentication certificate must chain to: PEM files named in
 * {@code tim.registration.trust-anchors} (comma-separated; in production the TI's root and SMC-B CA
 * certificates from the TSL). Without the setting, the software Konnektor's test root. Read on each
 * use: the files are small and may be replaced while the server runs.
 */
@ApplicationScoped
public class TiTrustAnchors {

  private static final Logger LOG = Logger.getLogger(TiTrustAnchors.class.getName());

  private static final java.security.Provider BC =
      new org.bouncycastle.jce.provider.BouncyCastleProvider();

  @Inject
  @ConfigProperty(name = "tim.registration.trust-anchors", defaultValue = " ")
  String configured;

  public Set<TrustAnchor> anchors() {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (String name : files()) {
      Path file = Path.of(name.trim());
      if (!Files.isReadable(file)) {
        LOG.warning(() -> "Trust anchor file not readable: " + file);
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        for (var certificate :
            CertificateFactory.getInstance("X.509", BC).generateCertificates(in)) {
          anchors.add(new TrustAnchor((X509Certificate) certificate, null));
        }
      } catch (IOException | CertificateException e) {
        LOG.warning(() -> "Trust anchor file unusable: " + file + ": " + e.getMessage());
      }
    }
    return anchors;
  }

  private String[] files() {
    if (configured != null && !configured.isBlank()) {
      return configured.split(",");
    }
    if (!SmcbCertificateChecks.testRootMayBeDefault()) {
      // a real Konnektor and no configured TI anchors: no registration succeeds (finding 18)
      return new String[0];
    }
    String data = System.getProperty("jboss.server.data.dir", ".");
    return new String[] {Path.of(data, "tim", "konnektor", "root-ca.pem").toString()};
  }
}
