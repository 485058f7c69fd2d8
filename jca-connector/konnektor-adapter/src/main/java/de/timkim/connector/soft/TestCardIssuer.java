package de.timkim.connector.soft;

import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.TestCardRequest.CertificateState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues software cards from the test PKI: a fresh ICCSN, one RSA-2048 and one brainpoolP256r1 key
 * per certificate of the card type, each certified by the SMC-B or HBA issuer CA and written with
 * {@link CardFiles}.
 */
final class TestCardIssuer {

  /** One validity period for all certificates of a card. */
  private record Validity(Instant notBefore, Instant notAfter) {
    static Validity of(CertificateState state) {
      Instant now = Instant.now();
      if (state == CertificateState.EXPIRED) {
        return new Validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
      }
      return new Validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5 * 365)));
    }
  }

  private final Path cardsDirectory;
  private final TestPkiAuthorities authorities;

  TestCardIssuer(Path cardsDirectory, TestPkiAuthorities authorities) {
    this.cardsDirectory = cardsDirectory;
    this.authorities = authorities;
  }

  /**
   * Issues and writes a card.
   *
   * @param mandantId the Mandant the card belongs to
   * @param ocspUrl the OCSP responder the certificates name in their AIA, or null for none
   */
  SoftwareCard issue(TestCardRequest request, String mandantId, String ocspUrl)
      throws IOException, GeneralSecurityException {
    String iccsn = newIccsn();
    Validity validity = Validity.of(request.certificates());
    Path dir = cardsDirectory.resolve(iccsn);
    Files.createDirectories(dir);
    Map<SoftwareCard.KeyId, Pkcs12Files.KeyAndChain> keys = new LinkedHashMap<>();
    for (CertRef ref : SoftwareCard.refs(request.type())) {
      for (Crypt crypt : Crypt.values()) {
        var id = new SoftwareCard.KeyId(ref, crypt);
        var key = issueKey(request, iccsn, id, validity, ocspUrl);
        CardFiles.writeKey(dir, request.type(), id, key, authorities.password());
        keys.put(id, key);
      }
    }
    var card =
        new SoftwareCard(
            "soft-" + iccsn,
            iccsn,
            request.type(),
            request.holderName(),
            request.telematikId(),
            request.professionOid(),
            mandantId,
            request.certificates(),
            Map.copyOf(keys));
    CardFiles.writeProperties(dir, card);
    return card;
  }

  private Pkcs12Files.KeyAndChain issueKey(
      TestCardRequest request,
      String iccsn,
      SoftwareCard.KeyId id,
      Validity validity,
      String ocspUrl)
      throws GeneralSecurityException {
    TestPki.Issued issuer =
        request.type() == CardType.SMC_B ? authorities.smcbCa() : authorities.hbaCa();
    KeyPair pair = id.crypt() == Crypt.RSA ? TestPki.rsaKeyPair() : TestPki.eccKeyPair();
    TestPki.Issued certificate =
        TestPki.cardCertificate(
            issuer,
            pair,
            purpose(id.ref()),
            request.holderName(),
            iccsn,
            request.telematikId(),
            request.professionOid(),
            certificateTypeOid(request.type(), id.ref()),
            ocspUrl,
            validity.notBefore(),
            validity.notAfter());
    List<X509Certificate> chain =
        List.of(certificate.certificate(), issuer.certificate(), authorities.root().certificate());
    return new Pkcs12Files.KeyAndChain(pair.getPrivate(), chain);
  }

  private static TestPki.Purpose purpose(CertRef ref) {
    return switch (ref) {
      case AUT -> TestPki.Purpose.AUT;
      case ENC -> TestPki.Purpose.ENC;
      default -> TestPki.Purpose.SIG;
    };
  }

  private String newIccsn() {
    // 80 276 883110000 + counter: ICCSN layout (major industry 80, country 276, issuer, serial)
    SecureRandom random = new SecureRandom();
    String iccsn;
    do {
      iccsn = "80276883110" + String.format("%09d", random.nextInt(1_000_000_000));
    } while (Files.exists(cardsDirectory.resolve(iccsn)));
    return iccsn;
  }

  /**
   * gemSpec_OID's certificate types: SMC-B C.HCI.AUT/ENC/OSIG (oid_smc_b_aut 1.2.276.0.76.4.77,
   * _enc .76, _osig .78), eHBA C.HP.AUT/ENC/QES (oid_hba_aut .75, _enc .74, _qes .72).
   */
  static String certificateTypeOid(CardType type, CertRef ref) {
    boolean smcb = type == CardType.SMC_B;
    return switch (ref) {
      case AUT -> smcb ? "1.2.276.0.76.4.77" : "1.2.276.0.76.4.75";
      case ENC -> smcb ? "1.2.276.0.76.4.76" : "1.2.276.0.76.4.74";
      default -> smcb ? "1.2.276.0.76.4.78" : "1.2.276.0.76.4.72";
    };
  }
}
