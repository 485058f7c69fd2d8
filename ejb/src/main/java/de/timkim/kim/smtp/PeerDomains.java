package de.timkim.kim.smtp;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sender domains a relaying Fachdienst may use: those its TLS client certificate names as
 * subjectAltName dNSName, and those {@code kim.relay.peer-domains} maps to one of these names
 * ({@code fachdienst.example=kim.example|kim2.example,...}, for a Fachdienst whose certificate
 * names its host, not its mail domains). A trusted certificate says who the peer is, not for whom
 * it may speak: without this, any trusted peer could send as any KIM address.
 */
final class PeerDomains {

  private final List<X509Certificate> own;
  private final Map<String, Set<String>> mapped;

  private PeerDomains(List<X509Certificate> own, Map<String, Set<String>> mapped) {
    this.own = List.copyOf(own);
    this.mapped = mapped;
  }

  /**
   * @param own this installation's certificates: a peer presenting one is this Fachdienst itself
   *     (another node, or a test installation relaying to itself) and may use its domains
   */
  static PeerDomains of(List<X509Certificate> own, String mapping) {
    Map<String, Set<String>> mapped = new HashMap<>();
    for (String entry : mapping.split("[,\\s]+")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "kim.relay.peer-domains entry must be certificate-name=domain|domain: " + entry);
      }
      mapped
          .computeIfAbsent(lower(entry.substring(0, equals)), k -> new HashSet<>())
          .addAll(
              Stream.of(entry.substring(equals + 1).split("\\|")).map(PeerDomains::lower).toList());
    }
    return new PeerDomains(own, mapped);
  }

  boolean isOwn(X509Certificate peer) {
    return own.contains(peer);
  }

  /** Whether the peer with this certificate may send as {@code domain}. */
  boolean allows(X509Certificate peer, String domain) {
    String wanted = lower(domain);
    for (String name : dnsNames(peer)) {
      if (name.equals(wanted) || mapped.getOrDefault(name, Set.of()).contains(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> dnsNames(X509Certificate certificate) {
    Set<String> names = new HashSet<>();
    try {
      var alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          // GeneralName dNSName is tag 2 (RFC 5280 4.2.1.6)
          if (Integer.valueOf(2).equals(alternative.get(0))) {
            names.add(lower(String.valueOf(alternative.get(1))));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no usable names: the peer may send as no domain
    }
    return names;
  }

  private static String lower(String text) {
    return text.trim().toLowerCase(Locale.ROOT);
  }
}
