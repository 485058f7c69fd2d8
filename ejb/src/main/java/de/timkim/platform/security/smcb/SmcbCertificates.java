package de.timkim.platform.security.smcb;

import de.timkim.platform.security.SmcbCertificateChecks;
import de.timkim.platform.security.smcb.SmcbRefusedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
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
 * The one check of an institution's SMC-B authentication certificate (C.HCI.AUT), whichever feature
 * asks: it chains to a TI trust anchor, it is an end entity's signing certificate with the SMC-B
 * AUT policy OID, and its admission extension names an institution. Revocation (OCSP) is {@link
 * SmcbVerification}'s, after the caller has checked the signature it cares about.
 */
public final class SmcbCertificates {

  /** Brainpool curves (the TI's ECC keys) are not in the JDK's providers. */
  static final Provider BC = new BouncyCastleProvider();

  private SmcbCertificates() {}

  /** An X.509 certificate from its DER encoding. */
  public static X509Certificate parse(byte[] der) throws SmcbRefusedException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", BC)
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
      throw new SmcbRefusedException(Reason.UNTRUSTED, "The certificate cannot be read");
    }
  }

  /**
   * The institution {@code certificate} names, if it chains through {@code intermediates} to one of
   * {@code anchors} at {@code at} and is an SMC-B authentication certificate.
   */
  public static InstitutionIdentity identify(
      X509Certificate certificate,
      List<X509Certificate> intermediates,
      Set<TrustAnchor> anchors,
      Date at)
      throws SmcbRefusedException {
    requireChain(certificate, intermediates, anchors, at);
    boolean[] keyUsage = certificate.getKeyUsage();
    if (certificate.getBasicConstraints() >= 0 || keyUsage == null || !keyUsage[0]) {
      throw new SmcbRefusedException(
          Reason.UNTRUSTED, "The certificate is not an end entity's signing certificate");
    }
    if (!SmcbCertificateChecks.isSmcbAuthentication(certificate)) {
      throw new SmcbRefusedException(
          Reason.NOT_SMCB_AUTHENTICATION,
          "The certificate is not an SMC-B authentication certificate (certificate policy"
              + " C.HCI.AUT, "
              + SmcbCertificateChecks.OID_SMC_B_AUT
              + ")");
    }
    return fromAdmission(certificate);
  }

  private static void requireChain(
      X509Certificate certificate,
      List<X509Certificate> intermediates,
      Set<TrustAnchor> anchors,
      Date at)
      throws SmcbRefusedException {
    try {
      List<X509Certificate> path = new ArrayList<>();
      path.add(certificate);
      for (X509Certificate intermediate : intermediates) {
        if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(intermediate))) {
          path.add(intermediate);
        }
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      // revocation: by OCSP afterwards (SmcbOcspCheck), not by the PKIX validator's own fetching
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      CertPathValidator.getInstance("PKIX", BC)
          .validate(CertificateFactory.getInstance("X.509", BC).generateCertPath(path), parameters);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SmcbRefusedException(
          Reason.UNTRUSTED,
          "The certificate does not chain to a trust anchor of the TI PKI: " + e.getMessage());
    }
  }

  /**
   * Whether {@code signature} is the card's ExternalAuthenticate signature of SHA-256({@code
   * data}): RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt; gemSpec_Krypt) or ECDSA, as the
   * Konnektor's AuthSignatureService makes them.
   */
  public static boolean verifySignature(
      X509Certificate certificate, byte[] data, byte[] signature) {
    try {
      Signature verifier =
          Signature.getInstance(
              certificate.getPublicKey().getAlgorithm().startsWith("EC")
                  ? "SHA256withECDSA"
                  : "SHA256withRSAandMGF1",
              BC);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Telematik-ID (registrationNumber) and profession OID of the first ProfessionInfo. Profession
   * OIDs 1.2.276.0.76.4.30 to .49 are persons' (gemSpec_OID Berufsgruppen, on an eHBA): refused, an
   * institution authenticates with its institution card.
   */
  static InstitutionIdentity fromAdmission(X509Certificate certificate)
      throws SmcbRefusedException {
    byte[] extension =
        certificate.getExtensionValue(ISISMTTObjectIdentifiers.id_isismtt_at_admission.getId());
    String telematikId;
    String oid;
    try {
      if (extension == null) {
        throw new IllegalArgumentException("no admission extension");
      }
      ASN1Primitive value = JcaX509ExtensionUtils.parseExtensionValue(extension);
      Admissions admissions = AdmissionSyntax.getInstance(value).getContentsOfAdmissions()[0];
      ProfessionInfo info = admissions.getProfessionInfos()[0];
      telematikId = info.getRegistrationNumber();
      oid = info.getProfessionOIDs()[0].getId();
    } catch (IOException | RuntimeException e) {
      telematikId = null;
      oid = null;
    }
    if (telematikId == null || telematikId.isBlank()) {
      throw new SmcbRefusedException(
          Reason.NO_INSTITUTION_IDENTITY,
          "The certificate has no Telematik-ID (admission extension)");
    }
    if (isPersonsProfession(oid)) {
      throw new SmcbRefusedException(
          Reason.NO_INSTITUTION_IDENTITY,
          "The certificate names a person's profession, not an institution's");
    }
    return new InstitutionIdentity(
        telematikId, oid, commonName(certificate.getSubjectX500Principal()));
  }

  /** Profession OIDs of persons (gemSpec_OID Berufsgruppen 1.2.276.0.76.4.30 to .49). */
  public static boolean isPersonsProfession(String oid) {
    String prefix = "1.2.276.0.76.4.";
    if (oid == null || !oid.startsWith(prefix)) {
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
