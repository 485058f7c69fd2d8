package de.timkim.kim.smtp;

import de.timkim.kim.mail.KimAddress;
import java.security.cert.X509Certificate;

/**
 * Who is sending in an SMTP session: a KIM account logged in with AUTH, or another Fachdienst
 * relaying in with its TLS client certificate ({@link PeerFachdienst}). Exactly one is set.
 */
record SmtpClient(KimAddress account, X509Certificate peerCertificate) {

  static SmtpClient account(KimAddress account) {
    return new SmtpClient(account, null);
  }

  static SmtpClient peer(X509Certificate certificate) {
    return new SmtpClient(null, certificate);
  }

  boolean isPeer() {
    return peerCertificate != null;
  }

  /** The peer's certificate subject, for the log. */
  String peerName() {
    return peerCertificate.getSubjectX500Principal().getName();
  }
}
