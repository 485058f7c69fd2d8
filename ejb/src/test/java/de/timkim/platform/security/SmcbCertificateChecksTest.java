package de.timkim.platform.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class SmcbCertificateChecksTest {

  @Test
  void smcbAuthenticationPolicyIsRecognised() throws Exception {
    assertTrue(SmcbCertificateChecks.isSmcbAuthentication(certificate("1.2.276.0.76.4.77")));
  }

  @Test
  void otherCertificateTypesAndMissingPoliciesAreNotSmcbAuthentication() throws Exception {
    // C.HP.AUT of an eHBA, C.HCI.OSIG of an SMC-B, no policy at all
    assertFalse(SmcbCertificateChecks.isSmcbAuthentication(certificate("1.2.276.0.76.4.75")));
    assertFalse(SmcbCertificateChecks.isSmcbAuthentication(certificate("1.2.276.0.76.4.78")));
    assertFalse(SmcbCertificateChecks.isSmcbAuthentication(certificate(null)));
  }

  private static X509Certificate certificate(String policyOid) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=Test SMC-B,C=DE");
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            new Date(System.currentTimeMillis() - 60_000),
            new Date(System.currentTimeMillis() + 3_600_000),
            name,
            pair.getPublic());
    if (policyOid != null) {
      builder.addExtension(
          Extension.certificatePolicies,
          false,
          new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(policyOid))));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }
}
