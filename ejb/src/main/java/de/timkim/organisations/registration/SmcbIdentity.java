package de.timkim.organisations.registration;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.platform.security.smcb.InstitutionIdentity;
import de.timkim.platform.security.smcb.SmcbCertificates;
import de.timkim.platform.security.smcb.SmcbRefusedException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Who an organisation's SMC-B authentication certificate (C.HCI.AUT) names, in the registration's
 * errors: the certificate is checked as every SMC-B is ({@link SmcbCertificates}), then the
 * signature over the challenge.
 */
public record SmcbIdentity(String telematikId, String professionOid, String holderName) {

  /**
   * Checks that {@code certificate} chains to one of {@code anchors} at {@code at}, that it is an
   * institution's (not a person's) authentication certificate, and that {@code signature} is its
   * key's ExternalAuthenticate signature of SHA-256({@code challenge}).
   */
  public static SmcbIdentity verify(
      byte[] certificateDer,
      List<byte[]> intermediatesDer,
      byte[] challenge,
      byte[] signature,
      Set<TrustAnchor> anchors,
      Date at) {
    try {
      X509Certificate certificate = SmcbCertificates.parse(certificateDer);
      List<X509Certificate> intermediates = new ArrayList<>();
      for (byte[] der : intermediatesDer) {
        intermediates.add(SmcbCertificates.parse(der));
      }
      InstitutionIdentity identity =
          SmcbCertificates.identify(certificate, intermediates, anchors, at);
      if (!SmcbCertificates.verifySignature(certificate, challenge, signature)) {
        throw new AdminException(AdminError.BAD_SIGNATURE);
      }
      return new SmcbIdentity(
          identity.telematikId(), identity.professionOid(), identity.holderName());
    } catch (SmcbRefusedException e) {
      throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
    }
  }

  static boolean isPersonsProfession(String oid) {
    return SmcbCertificates.isPersonsProfession(oid);
  }
}
