package de.timkim.kim.smtp;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;

/**
 * Another KIM Fachdienst on the SMTPS listener: it presented a client certificate the peer trust
 * ({@code kim.relay.peer-trust}) accepted during the handshake. Clients without one are KIM
 * accounts and must log in with AUTH.
 */
final class PeerFachdienst {

  private PeerFachdienst() {}

  /** The peer's certificate subject, if this session is a trusted Fachdienst relaying in. */
  static Optional<String> of(MessageContext context) {
    return certificate(context).map(c -> c.getSubjectX500Principal().getName());
  }

  /** The peer's certificate, if this session is a trusted Fachdienst relaying in. */
  static Optional<X509Certificate> certificate(MessageContext context) {
    if (!(context instanceof Session session) || !(session.getSocket() instanceof SSLSocket ssl)) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = ssl.getSession().getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
        return Optional.of(certificate);
      }
    } catch (SSLPeerUnverifiedException e) {
      // no client certificate: an ordinary client
    }
    return Optional.empty();
  }
}
