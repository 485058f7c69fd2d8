package de.timkim.platform.security.smcb;

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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CA certificates an SMC-B's authentication certificate must chain to, for every feature: PEM
 * files named in {@code tim.smcb.trust-anchors} (comma-separated; in production the TI's root and
 * SMC-B CA certificates from the TSL). The keys each feature had before, {@code
 * tim.registration.trust-anchors} and {@code kim.accountmanager.trust-anchors}, are still read, in
 * that order, when the new key is not set (deprecated, logged once). Without any, the software
 * Konnektor's test root, and with a real Konnektor none (finding 18: fail closed). Read on each
 * use: the files are small and may be replaced while the server runs.
 */
@ApplicationScoped
public class TiTrustAnchors {

  private static final Logger LOG = Logger.getLogger(TiTrustAnchors.class.getName());

  static final String KEY = "tim.smcb.trust-anchors";

  @Inject
  @ConfigProperty(name = KEY)
  Optional<String> configured;

  @Inject
  @ConfigProperty(name = "tim.registration.trust-anchors")
  Optional<String> deprecatedRegistration;

  @Inject
  @ConfigProperty(name = "kim.accountmanager.trust-anchors")
  Optional<String> deprecatedKim;

  private final AtomicBoolean deprecationLogged = new AtomicBoolean();

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
            CertificateFactory.getInstance("X.509", SmcbCertificates.BC).generateCertificates(in)) {
          anchors.add(new TrustAnchor((X509Certificate) certificate, null));
        }
      } catch (IOException | CertificateException e) {
        LOG.warning(() -> "Trust anchor file unusable: " + file + ": " + e.getMessage());
      }
    }
    return anchors;
  }

  String[] files() {
    Optional<String> setting = set(configured);
    if (setting.isEmpty()) {
      setting = deprecated("tim.registration.trust-anchors", set(deprecatedRegistration));
    }
    if (setting.isEmpty()) {
      setting = deprecated("kim.accountmanager.trust-anchors", set(deprecatedKim));
    }
    if (setting.isPresent()) {
      return setting.get().split(",");
    }
    if (!SmcbCertificateChecks.testRootMayBeDefault()) {
      // a real Konnektor and no configured TI anchors: no SMC-B is accepted (finding 18)
      return new String[0];
    }
    String data = System.getProperty("jboss.server.data.dir", ".");
    return new String[] {Path.of(data, "tim", "konnektor", "root-ca.pem").toString()};
  }

  private Optional<String> deprecated(String key, Optional<String> value) {
    if (value.isPresent() && deprecationLogged.compareAndSet(false, true)) {
      LOG.warning(() -> key + " is deprecated: name the SMC-B trust anchors in " + KEY);
    }
    return value;
  }

  private static Optional<String> set(Optional<String> value) {
    return value.filter(s -> !s.isBlank());
  }
}
