package de.timkim.organisations.registration;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.platform.security.SmcbCertificateChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.isismtt.ISISMTTObjectIdentifiers;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.isismtt.x509.Admissions;
import org.bouncycastle.asn1.isismtt.x509.ProfessionInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Who an SMC-B authentication certificate (C.HCI.AUT) names, taken only after the certificate's
 * chain to a TI trust anchor and the signature over the challenge were checked. Telematik-ID and
 * profession OID come from the admission extension (common-PKI id-isismtt-at-admission,
 * gemSpec_PKI).
 */
public record SmcbIdentity(String telematikId, String professionOid, String holderName) {

  /** Brainpool curves (the TI's ECC keys) are not in the JDK's providers. */
  private static final Provider BC = new BouncyCastleProvider();

  /**
   * Checks that {@code certificate} chains to one of {@code anchors} at {@code at}, that it is an
   * institution's (not a person's) authentication certificate, and that {@code signature} is its
   * key's ExternalAuthenticate signature of SHA-256({@code challenge}): RSASSA-PSS (SHA-256,
   * MGF1-SHA-256, 32-byte salt) or ECDSA, as the Konnektor's AuthSignatureService makes them.
   */
  public static SmcbIdentity verify(
      byte[] certificateDer,
      List<byte[]> intermediatesDer,
      byte[] challenge,
      byte[] signature,
      Set<TrustAnchor> anchors,
      Date at) {
    X509Certificate certificate;
    List<X509Certificate> path = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
      certificate =
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificateDer));
      path.add(certificate);
      for (byte[] der : intermediatesDer) {
        path.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
      if (anchors.isEmpty()) {
        throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      // status (OCSP) is checked by OrganisationRegistration with SmcbOcspCheck afterwards
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      CertPathValidator.getInstance("PKIX", BC)
          .validate(factory.generateCertPath(withoutAnchors(path, anchors)), parameters);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
    }
    boolean[] keyUsage = certificate.getKeyUsage();
    if (certificate.getBasicConstraints() >= 0 || keyUsage == null || !keyUsage[0]) {
      throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
    }
    if (!SmcbCertificateChecks.isSmcbAuthentication(certificate)) {
      throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
    }
    SmcbIdentity identity = fromAdmission(certificate);
    if (!verifySignature(certificate, challenge, signature)) {
      throw new AdminException(AdminError.BAD_SIGNATURE);
    }
    return identity;
  }

  private static List<X509Certificate> withoutAnchors(
      List<X509Certificate> path, Set<TrustAnchor> anchors) {
    List<X509Certificate> kept = new ArrayList<>();
    for (X509Certificate c : path) {
      boolean anchor = anchors.stream().anyMatch(a -> c.equals(a.getTrustedCert()));
      if (!anchor) {
        kept.add(c);
      }
    }
    return kept;
  }

  static boolean verifySignature(X509Certificate certificate, byte[] challenge, byte[] signature) {
    try {
      Signature verifier;
      if (certificate.getPublicKey().getAlgorithm().startsWith("EC")) {
        verifier = Signature.getInstance("SHA256withECDSA", BC);
      } else {
        // RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (gemSpec_Krypt)
        verifier = Signature.getInstance("SHA256withRSAandMGF1", BC);
      }
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Telematik-ID (registrationNumber) and profession OID of the first ProfessionInfo. Profession
   * OIDs 1.2.276.0.76.4.30 to .49 are persons' (gemSpec_OID Berufsgruppen, on an eHBA): refused, an
   * organisation registers with its institution card.
   */
  static SmcbIdentity fromAdmission(X509Certificate certificate) {
    byte[] extension =
        certificate.getExtensionValue(ISISMTTObjectIdentifiers.id_isismtt_at_admission.getId());
    if (extension == null) {
      throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
    }
    try {
      ASN1Primitive value = JcaX509ExtensionUtils.parseExtensionValue(extension);
      Admissions admissions = AdmissionSyntax.getInstance(value).getContentsOfAdmissions()[0];
      ProfessionInfo info = admissions.getProfessionInfos()[0];
      String telematikId = info.getRegistrationNumber();
      String oid = info.getProfessionOIDs()[0].getId();
      if (telematikId == null || telematikId.isBlank() || isPersonsProfession(oid)) {
        throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
      }
      return new SmcbIdentity(telematikId, oid, commonName(certificate.getSubjectX500Principal()));
    } catch (IOException | RuntimeException e) {
      if (e instanceof AdminException refused) {
        throw refused;
      }
      throw new AdminException(AdminError.UNTRUSTED_CERTIFICATE);
    }
  }

  static boolean isPersonsProfession(String oid) {
    String prefix = "1.2.276.0.76.4.";
    if (!oid.startsWith(prefix)) {
      return false;
    }
    try {
      int arc = Integer.parseInt(oid.substring(prefix.length()));
      return arc >= 30 && arc <= 49;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String commonName(X500Principal subject) {
    RDN[] names = X500Name.getInstance(subject.getEncoded()).getRDNs(BCStyle.CN);
    return names.length == 0 ? null : IETFUtils.valueToString(names[0].getFirst().getValue());
  }
}
