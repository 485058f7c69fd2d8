package de.timkim.organisations.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.platform.security.SmcbCertificateChecks;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.isismtt.ISISMTTObjectIdentifiers;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.isismtt.x509.Admissions;
import org.bouncycastle.asn1.isismtt.x509.ProfessionInfo;
import org.bouncycastle.asn1.x500.DirectoryString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The SMC-B check with a small PKI made here: a root, a C.HCI.AUT-like certificate with the
 * admission extension, and signatures as the Konnektor's ExternalAuthenticate makes them.
 */
class SmcbIdentityTest {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private static final Date NOW = new Date();

  private final KeyPair rootKey = rsa();
  private final X509Certificate root =
      certificate("CN=Test Root", rootKey, "CN=Test Root", rootKey.getPrivate(), true, null, null);
  private final KeyPair cardKey = rsa();
  private final X509Certificate card =
      certificate(
          "CN=Praxis Test",
          cardKey,
          "CN=Test Root",
          rootKey.getPrivate(),
          false,
          "5-SMB-1",
          "1.2.276.0.76.4.50");
  private final byte[] challenge = "challenge bytes".getBytes();

  @Test
  void aSignatureOfTheChallengeByATrustedSmcbNamesItsTelematikIdAndProfession() throws Exception {
    SmcbIdentity identity =
        SmcbIdentity.verify(
            card.getEncoded(),
            List.of(),
            challenge,
            sign(cardKey.getPrivate(), challenge),
            anchors(root),
            NOW);
    assertEquals("5-SMB-1", identity.telematikId());
    assertEquals("1.2.276.0.76.4.50", identity.professionOid());
    assertEquals("Praxis Test", identity.holderName());
  }

  @Test
  void aSignatureOfSomethingElseIsRefused() throws Exception {
    byte[] other = sign(cardKey.getPrivate(), "other".getBytes());
    AdminException refused =
        assertThrows(
            AdminException.class,
            () ->
                SmcbIdentity.verify(
                    card.getEncoded(), List.of(), challenge, other, anchors(root), NOW));
    assertEquals(AdminError.BAD_SIGNATURE, refused.error());
  }

  @Test
  void aCertificateOfAnotherPkiIsRefused() throws Exception {
    KeyPair otherRootKey = rsa();
    X509Certificate otherRoot =
        certificate(
            "CN=Other Root",
            otherRootKey,
            "CN=Other Root",
            otherRootKey.getPrivate(),
            true,
            null,
            null);
    AdminException refused =
        assertThrows(
            AdminException.class,
            () ->
                SmcbIdentity.verify(
                    card.getEncoded(),
                    List.of(),
                    challenge,
                    sign(cardKey.getPrivate(), challenge),
                    anchors(otherRoot),
                    NOW));
    assertEquals(AdminError.UNTRUSTED_CERTIFICATE, refused.error());
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    Date later = Date.from(Instant.now().plus(800, ChronoUnit.DAYS));
    AdminException refused =
        assertThrows(
            AdminException.class,
            () ->
                SmcbIdentity.verify(
                    card.getEncoded(),
                    List.of(),
                    challenge,
                    sign(cardKey.getPrivate(), challenge),
                    anchors(root),
                    later));
    assertEquals(AdminError.UNTRUSTED_CERTIFICATE, refused.error());
  }

  @Test
  void aPersonsCardIsNoOrganisation() throws Exception {
    KeyPair hbaKey = rsa();
    X509Certificate hba =
        certificate(
            "CN=Dr. Person",
            hbaKey,
            "CN=Test Root",
            rootKey.getPrivate(),
            false,
            "1-HBA-1",
            "1.2.276.0.76.4.30");
    AdminException refused =
        assertThrows(
            AdminException.class,
            () ->
                SmcbIdentity.verify(
                    hba.getEncoded(),
                    List.of(),
                    challenge,
                    sign(hbaKey.getPrivate(), challenge),
                    anchors(root),
                    NOW));
    assertEquals(AdminError.UNTRUSTED_CERTIFICATE, refused.error());
    assertTrue(SmcbIdentity.isPersonsProfession("1.2.276.0.76.4.49"));
    assertFalse(SmcbIdentity.isPersonsProfession("1.2.276.0.76.4.53"));
  }

  /** RSASSA-PSS over SHA-256 of the data, as the card signs the digest it is given. */
  private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withRSAandMGF1", BC);
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  private static Set<TrustAnchor> anchors(X509Certificate root) {
    return Set.of(new TrustAnchor(root, null));
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(
      String subject,
      KeyPair pair,
      String issuer,
      PrivateKey issuerKey,
      boolean ca,
      String telematikId,
      String professionOid) {
    try {
      Instant now = Instant.now();
      var builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer),
              BigInteger.valueOf(now.toEpochMilli())
                  .add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
              Date.from(now.minus(1, ChronoUnit.DAYS)),
              Date.from(now.plus(365, ChronoUnit.DAYS)),
              new X500Name(subject),
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      if (telematikId != null) {
        var info =
            new ProfessionInfo(
                null,
                new DirectoryString[] {new DirectoryString("Test")},
                new ASN1ObjectIdentifier[] {new ASN1ObjectIdentifier(professionOid)},
                telematikId,
                null);
        builder.addExtension(
            ISISMTTObjectIdentifiers.id_isismtt_at_admission,
            false,
            new AdmissionSyntax(
                null, new DERSequence(new Admissions(null, null, new ProfessionInfo[] {info}))));
        // the certificate type C.HCI.AUT (gemSpec_OID), which registration requires of an SMC-B
        builder.addExtension(
            Extension.certificatePolicies,
            false,
            new CertificatePolicies(
                new PolicyInformation(
                    new ASN1ObjectIdentifier(SmcbCertificateChecks.OID_SMC_B_AUT))));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
