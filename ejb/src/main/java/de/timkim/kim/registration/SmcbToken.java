package de.timkim.kim.registration;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.isismtt.x509.Admissions;
import org.bouncycastle.asn1.isismtt.x509.ProfessionInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A JWT in compact serialization (RFC 7515 §3.1) signed with an SMC-B's C.HCI.AUT key, as gematik's
 * KIMBearerAuth carries it: header {@code {"alg": "PS256" | "BP256R1", "x5c": [AUT certificate,
 * issuing CA...]}}, payload {@code {"nonce": challenge, "iat", "exp"}}. PS256 is what the
 * Konnektor's ExternalAuthenticate makes with an RSA key (RSASSA-PSS, SHA-256, salt 32); BP256R1 is
 * ECDSA on brainpoolP256r1 with r‖s as JWS signatures are (RFC 7518 §3.4). Pure: parsing and the
 * signature check; the chain and the challenge are {@link SmcbAuthentication}'s business.
 */
final class SmcbToken {

  /** Bouncy Castle: the JDK knows neither brainpool curves nor certificates on them. */
  private static final Provider BC = new BouncyCastleProvider();

  /** common-PKI id-isismtt-at-admission: the Telematik-ID is its registration number. */
  static final String ADMISSION_OID = "1.3.36.8.3.3";

  private final String signingInput;
  private final String algorithm;
  private final byte[] signature;
  private final List<X509Certificate> chain;
  private final JsonObject claims;

  private SmcbToken(
      String signingInput,
      String algorithm,
      byte[] signature,
      List<X509Certificate> chain,
      JsonObject claims) {
    this.signingInput = signingInput;
    this.algorithm = algorithm;
    this.signature = signature;
    this.chain = chain;
    this.claims = claims;
  }

  /**
   * Parses the token; IllegalArgumentException with a reason a client can act on when malformed.
   */
  static SmcbToken parse(String compact) {
    if (compact == null) {
      throw new IllegalArgumentException("No bearer token");
    }
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("The token is not a JWS in compact serialization");
    }
    try {
      Base64.Decoder url = Base64.getUrlDecoder();
      JsonObject header = json(url.decode(parts[0]));
      JsonObject claims = json(url.decode(parts[1]));
      String algorithm = header.getString("alg", "");
      if (!algorithm.equals("PS256") && !algorithm.equals("BP256R1")) {
        throw new IllegalArgumentException("alg must be PS256 or BP256R1");
      }
      JsonArray x5c = header.getJsonArray("x5c");
      if (x5c == null || x5c.isEmpty()) {
        throw new IllegalArgumentException("x5c with the C.HCI.AUT certificate is missing");
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonString entry : x5c.getValuesAs(JsonString.class)) {
        chain.add(
            (X509Certificate)
                factory.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(entry.getString()))));
      }
      return new SmcbToken(
          parts[0] + "." + parts[1], algorithm, url.decode(parts[2]), chain, claims);
    } catch (JsonException | ClassCastException | GeneralSecurityException e) {
      throw new IllegalArgumentException("The token cannot be read: " + e.getMessage());
    }
  }

  private static JsonObject json(byte[] bytes) {
    return Jsonp.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))
        .readObject();
  }

  /** The signer's certificate (x5c[0]). */
  X509Certificate certificate() {
    return chain.get(0);
  }

  /** The certificates after the first: the client's path towards a trust anchor. */
  List<X509Certificate> intermediates() {
    return chain.subList(1, chain.size());
  }

  String nonce() {
    return claims.getString("nonce", null);
  }

  /** The exp claim in seconds since the epoch, or -1. */
  long expiresAtSeconds() {
    return claims.containsKey("exp") ? claims.getJsonNumber("exp").longValue() : -1;
  }

  /** Whether the signature verifies with the public key of {@link #certificate()}. */
  boolean signatureValid() {
    try {
      Signature verifier;
      byte[] encoded = signature;
      if (algorithm.equals("PS256")) {
        verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      } else {
        if (signature.length != 64) {
          return false;
        }
        verifier = Signature.getInstance("SHA256withECDSA", BC);
        encoded = derFromRawEcdsa(signature);
      }
      verifier.initVerify(certificate().getPublicKey());
      verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(encoded);
    } catch (GeneralSecurityException | java.io.IOException e) {
      return false;
    }
  }

  private static byte[] derFromRawEcdsa(byte[] raw) throws java.io.IOException {
    byte[] r = new byte[32];
    byte[] s = new byte[32];
    System.arraycopy(raw, 0, r, 0, 32);
    System.arraycopy(raw, 32, s, 0, 32);
    return new DERSequence(
            new ASN1Integer[] {
              new ASN1Integer(new BigInteger(1, r)), new ASN1Integer(new BigInteger(1, s))
            })
        .getEncoded();
  }

  /** The Telematik-ID in the certificate's admission extension, or null. */
  static String telematikId(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(ADMISSION_OID);
    if (extension == null) {
      return null;
    }
    AdmissionSyntax admission;
    try {
      admission =
          AdmissionSyntax.getInstance(
              ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
    for (Admissions admissions : admission.getContentsOfAdmissions()) {
      for (ProfessionInfo info : admissions.getProfessionInfos()) {
        if (info.getRegistrationNumber() != null && !info.getRegistrationNumber().isBlank()) {
          return info.getRegistrationNumber();
        }
      }
    }
    return null;
  }

  static Provider provider() {
    return BC;
  }
}
