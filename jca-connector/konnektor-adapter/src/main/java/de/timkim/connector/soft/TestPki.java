package de.timkim.connector.soft;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.isismtt.ISISMTTObjectIdentifiers;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.isismtt.x509.Admissions;
import org.bouncycastle.asn1.isismtt.x509.ProfessionInfo;
import org.bouncycastle.asn1.x500.DirectoryString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates of the test TI PKI: an ECC root (like the TI's GEM.RCA), issuer CAs for SMC-B and
 * HBA, and card end-entity certificates with the admission extension that carries Telematik-ID and
 * profession OID (gemSpec_PKI, common-PKI {@code id-isismtt-at-admission} 1.3.36.8.3.3). Pure: it
 * writes nothing anywhere.
 */
final class TestPki {

  static final String BRAINPOOL_P256R1 = "brainpoolP256r1";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A key with its certificate. */
  record Issued(PrivateKey key, X509Certificate certificate) {}

  /** What a certificate is for: decides key usage and how it is named. */
  enum Purpose {
    AUT(KeyUsage.digitalSignature, KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
    ENC(KeyUsage.keyAgreement, KeyUsage.keyEncipherment | KeyUsage.dataEncipherment),
    SIG(KeyUsage.nonRepudiation, KeyUsage.nonRepudiation);

    final int eccKeyUsage;
    final int rsaKeyUsage;

    Purpose(int eccKeyUsage, int rsaKeyUsage) {
      this.eccKeyUsage = eccKeyUsage;
      this.rsaKeyUsage = rsaKeyUsage;
    }
  }

  private TestPki() {}

  static KeyPair rsaKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.provider());
    generator.initialize(2048, RANDOM);
    return generator.generateKeyPair();
  }

  static KeyPair eccKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
    generator.initialize(new ECGenParameterSpec(BRAINPOOL_P256R1), RANDOM);
    return generator.generateKeyPair();
  }

  static Issued root(String commonName, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException {
    KeyPair pair = eccKeyPair();
    X500Name name = caName(commonName);
    var builder = builder(name, name, pair.getPublic(), notBefore, notAfter);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      addCaExtensions(builder, pair.getPublic(), null);
    } catch (CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(pair.getPrivate(), sign(builder, pair.getPrivate()));
  }

  static Issued issuerCa(Issued root, String commonName, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException {
    KeyPair pair = eccKeyPair();
    var builder =
        builder(issuerName(root), caName(commonName), pair.getPublic(), notBefore, notAfter);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      addCaExtensions(builder, pair.getPublic(), root.certificate());
    } catch (CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(pair.getPrivate(), sign(builder, root.key()));
  }

  /**
   * A card certificate (C.HCI.* on an SMC-B, C.HP.* on an eHBA) for the given key pair.
   *
   * @param serialNumber goes into the subject's serialNumber (the card's ICCSN)
   * @param certificateTypeOid the certificate type of gemSpec_OID (C.HCI.AUT: 1.2.276.0.76.4.77)
   * @param ocspUrl the test PKI's OCSP responder for the AuthorityInformationAccess, or null
   */
  static Issued cardCertificate(
      Issued issuer,
      KeyPair pair,
      Purpose purpose,
      String holderName,
      String serialNumber,
      String telematikId,
      String professionOid,
      String certificateTypeOid,
      String ocspUrl,
      Instant notBefore,
      Instant notAfter)
      throws GeneralSecurityException {
    X500Name subject =
        new X500Name(
            "CN="
                + escape(holderName)
                + ",SERIALNUMBER="
                + serialNumber
                + ",OU=Test only - not valid,C=DE");
    var builder = builder(issuerName(issuer), subject, pair.getPublic(), notBefore, notAfter);
    boolean ecc = pair.getPublic().getAlgorithm().startsWith("EC");
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(ecc ? purpose.eccKeyUsage : purpose.rsaKeyUsage));
      addKeyIdentifiers(builder, pair.getPublic(), issuer.certificate());
      builder.addExtension(
          ISISMTTObjectIdentifiers.id_isismtt_at_admission,
          false,
          admission(telematikId, professionOid));
      // gemSpec_PKI: the certificate type (gemSpec_OID, e.g. oid_smc_b_aut) as a policy, which
      // relying parties check (GS-A_4445)
      builder.addExtension(
          Extension.certificatePolicies,
          false,
          new CertificatePolicies(
              new PolicyInformation(new ASN1ObjectIdentifier(certificateTypeOid))));
      if (ocspUrl != null && !ocspUrl.isBlank()) {
        // gemSpec_PKI / RFC 5280 4.2.2.1: where relying parties ask for the card's status
        builder.addExtension(
            Extension.authorityInfoAccess,
            false,
            new AuthorityInformationAccess(
                new AccessDescription(
                    AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl.trim()))));
      }
    } catch (CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(pair.getPrivate(), sign(builder, issuer.key()));
  }

  private static X500Name caName(String commonName) {
    return new X500Name("CN=" + commonName + ",OU=Test only - not valid,O=TIM-KIM,C=DE");
  }

  /** A CA signs certificates and CRLs; issuer null: the self-signed root. */
  private static void addCaExtensions(
      X509v3CertificateBuilder builder, PublicKey key, X509Certificate issuer)
      throws CertIOException, GeneralSecurityException {
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    addKeyIdentifiers(builder, key, issuer);
  }

  /**
   * The subject key identifier and, below the root, the authority key identifier (RFC 5280
   * 4.2.1.1/4.2.1.2), by which path building finds the issuer.
   */
  private static void addKeyIdentifiers(
      X509v3CertificateBuilder builder, PublicKey key, X509Certificate issuer)
      throws CertIOException, GeneralSecurityException {
    var utils = new JcaX509ExtensionUtils();
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    if (issuer != null) {
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
    }
  }

  /**
   * gemSpec_PKI's admission structure: one ProfessionInfo whose professionOIDs hold the role (e.g.
   * 1.2.276.0.76.4.53 oid_krankenhaus) and whose registrationNumber is the Telematik-ID.
   */
  static AdmissionSyntax admission(String telematikId, String professionOid) {
    var info =
        new ProfessionInfo(
            null,
            new DirectoryString[] {new DirectoryString(ProfessionOids.displayName(professionOid))},
            new ASN1ObjectIdentifier[] {new ASN1ObjectIdentifier(professionOid)},
            telematikId,
            null);
    var admissions = new Admissions(null, null, new ProfessionInfo[] {info});
    return new AdmissionSyntax(null, new DERSequence(admissions));
  }

  private static X500Name issuerName(Issued issuer) {
    return X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
        Date.from(notBefore),
        Date.from(notAfter),
        subject,
        key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException {
    String algorithm =
        issuerKey.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      var signer =
          new JcaContentSignerBuilder(algorithm)
              .setProvider(BouncyCastle.provider())
              .build(issuerKey);
      return new JcaX509CertificateConverter()
          .setProvider(BouncyCastle.provider())
          .getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+").replace("=", "\\=");
  }
}
