package de.timkim.platform.security.smcb;

import de.timkim.platform.security.SmcbOcspCheck;
import de.timkim.platform.security.smcb.SmcbRefusedException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The SMC-B check with this installation's trust anchors ({@link TiTrustAnchors}) and OCSP ({@link
 * SmcbOcspCheck}): the identity first, then, once the caller has checked the signature over its
 * challenge, the certificate's status.
 */
@ApplicationScoped
public class SmcbVerification {

  @Inject TiTrustAnchors trustAnchors;

  @Inject SmcbOcspCheck ocsp;

  /** The trust anchors as of now; pass the same set to both checks of one authentication. */
  public Set<TrustAnchor> anchors() {
    return trustAnchors.anchors();
  }

  /** {@link SmcbCertificates#identify} with this installation's anchors. */
  public InstitutionIdentity identify(
      X509Certificate certificate,
      List<X509Certificate> intermediates,
      Set<TrustAnchor> anchors,
      Date at)
      throws SmcbRefusedException {
    return SmcbCertificates.identify(certificate, intermediates, anchors, at);
  }

  /** Finding 18: OCSP status of the (already identified) certificate, fail closed unless off. */
  public void requireNotRevoked(
      X509Certificate certificate, List<X509Certificate> intermediates, Set<TrustAnchor> anchors)
      throws SmcbRefusedException {
    List<X509Certificate> issuers = new ArrayList<>(intermediates);
    anchors.forEach(a -> issuers.add(a.getTrustedCert()));
    try {
      ocsp.requireNotRevoked(certificate, SmcbOcspCheck.issuerOf(certificate, issuers));
    } catch (SmcbOcspCheck.RevocationRefused e) {
      throw new SmcbRefusedException(
          e.revoked() ? Reason.REVOKED : Reason.STATUS_UNAVAILABLE, e.getMessage());
    }
  }
}
