package de.timkim.kim.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.isismtt.x509.Admissions;
import org.bouncycastle.asn1.isismtt.x509.ProfessionInfo;
import org.bouncycastle.asn1.x500.DirectoryString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class SmcbTokenTest {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  @Test
  void ps256TokenSignedWithTheCertificatesKeyVerifiesAndNamesItsTelematikId() throws Exception {
    KeyPair keys = rsa();
    X509Certificate certificate = certificate(keys, "1-2-ARZT-4711");
    String token = token(keys, certificate, "PS256", "abc");
    SmcbToken parsed = SmcbToken.parse(token);
    assertTrue(parsed.signatureValid());
    assertEquals("abc", parsed.nonce());
    assertEquals("1-2-ARZT-4711", SmcbToken.telematikId(parsed.certificate()));
  }

  @Test
  void tokenSignedWithAnotherKeyOrChangedDoesNotVerify() throws Exception {
    KeyPair keys = rsa();
    X509Certificate certificate = certificate(keys, "1-2-ARZT-4711");
    assertFalse(SmcbToken.parse(token(rsa(), certificate, "PS256", "abc")).signatureValid());
    String token = token(keys, certificate, "PS256", "abc");
    String[] parts = token.split("\\.");
    String otherPayload =
        URL.encodeToString("{\"nonce\":\"xyz\",\"exp\":1}".getBytes(StandardCharsets.UTF_8));
    assertFalse(SmcbToken.parse(parts[0] + "." + otherPayload + "." + parts[2]).signatureValid());
  }

  @Test
  void malformedTokensAreRefusedWithAReason() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> SmcbToken.parse(null));
    assertThrows(IllegalArgumentException.class, () -> SmcbToken.parse("a.b"));
    KeyPair keys = rsa();
    String hs256 = token(keys, certificate(keys, "x"), "HS256", "abc");
    var e = assertThrows(IllegalArgumentException.class, () -> SmcbToken.parse(hs256));
    assertTrue(e.getMessage().contains("alg"));
    String noX5c =
        URL.encodeToString("{\"alg\":\"PS256\"}".getBytes(StandardCharsets.UTF_8)) + ".e30.AA";
    assertThrows(IllegalArgumentException.class, () -> SmcbToken.parse(noX5c));
  }

  @Test
  void certificateWithoutAdmissionHasNoTelematikId() throws Exception {
    assertNull(SmcbToken.telematikId(certificate(rsa(), null)));
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(KeyPair keys, String telematikId) throws Exception {
    X500Name name = new X500Name("CN=Testpraxis");
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            new Date(System.currentTimeMillis() - 60_000),
            new Date(System.currentTimeMillis() + 86_400_000),
            name,
            keys.getPublic());
    if (telematikId != null) {
      ProfessionInfo info =
          new ProfessionInfo(
              null,
              new DirectoryString[] {new DirectoryString("Arztpraxis")},
              new ASN1ObjectIdentifier[] {new ASN1ObjectIdentifier("1.2.276.0.76.4.50")},
              telematikId,
              null);
      builder.addExtension(
          new ASN1ObjectIdentifier(SmcbToken.ADMISSION_OID),
          false,
          new AdmissionSyntax(
              null, new DERSequence(new Admissions(null, null, new ProfessionInfo[] {info}))));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
  }

  private static String token(KeyPair keys, X509Certificate certificate, String alg, String nonce)
      throws Exception {
    String header =
        "{\"alg\":\""
            + alg
            + "\",\"x5c\":[\""
            + Base64.getEncoder().encodeToString(certificate.getEncoded())
            + "\"]}";
    String payload = "{\"nonce\":\"" + nonce + "\",\"exp\":9999999999}";
    String input =
        URL.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    pss.initSign(keys.getPrivate());
    pss.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + URL.encodeToString(pss.sign());
  }
}
