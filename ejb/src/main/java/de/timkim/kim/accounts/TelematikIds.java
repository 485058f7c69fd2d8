package de.timkim.kim.accounts;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.isismtt.ISISMTTObjectIdentifiers;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.isismtt.x509.Admissions;
import org.bouncycastle.asn1.isismtt.x509.ProfessionInfo;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The Telematik-ID a TI card certificate names: the registrationNumber of its admission extension
 * (gemSpec_PKI, common-PKI {@code id-isismtt-at-admission} 1.3.36.8.3.3).
 */
public final class TelematikIds {

  private TelematikIds() {}

  /** The certificate's Telematik-ID; empty if it has no (readable) admission extension. */
  public static Optional<String> of(X509Certificate certificate) {
    byte[] extension =
        certificate.getExtensionValue(ISISMTTObjectIdentifiers.id_isismtt_at_admission.getId());
    if (extension == null) {
      return Optional.empty();
    }
    try {
      ASN1Primitive value = JcaX509ExtensionUtils.parseExtensionValue(extension);
      for (Admissions admissions : AdmissionSyntax.getInstance(value).getContentsOfAdmissions()) {
        for (ProfessionInfo info : admissions.getProfessionInfos()) {
          String id = info.getRegistrationNumber();
          if (id != null && !id.isBlank()) {
            return Optional.of(id);
          }
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
