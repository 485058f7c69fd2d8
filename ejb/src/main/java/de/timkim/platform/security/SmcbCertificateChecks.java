package de.timkim.platform.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What both SMC-B registrations (KIM accounts, organisations) require of a certificate beyond its
 * chain and key usage (security review, finding 18): the certificate type C.HCI.AUT in its
 * certificate policies, and trust anchors that are configured, not defaulted, when the Konnektor is
 * a real one.
 */
public final class SmcbCertificateChecks {

  /** oid_smc_b_aut, gemSpec_OID (GS-A_4445): the certificate type of an SMC-B's C.HCI.AUT. */
  public static final String OID_SMC_B_AUT = "1.2.276.0.76.4.77";

  private SmcbCertificateChecks() {}

  /** True if {@code certificate}'s certificatePolicies name the type C.HCI.AUT. */
  public static boolean isSmcbAuthentication(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.certificatePolicies.getId());
    if (extension == null) {
      return false;
    }
    try {
      CertificatePolicies policies =
          CertificatePolicies.getInstance(
              ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
      for (PolicyInformation policy : policies.getPolicyInformation()) {
        if (OID_SMC_B_AUT.equals(policy.getPolicyIdentifier().getId())) {
          return true;
        }
      }
      return false;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether the software Konnektor's test root may stand in for unconfigured trust anchors: only
   * while no real (SOAP) Konnektor is configured ({@code tim.konnektor.soap-url}). With a real one,
   * registration fails closed until the TI's CA certificates are configured.
   */
  public static boolean testRootMayBeDefault() {
    String soapUrl =
        ConfigProvider.getConfig()
            .getOptionalValue("tim.konnektor.soap-url", String.class)
            .orElse("none")
            .trim();
    return soapUrl.isEmpty() || soapUrl.equals("none");
  }
}
