package de.timkim.it.konnektor;

import static de.timkim.it.konnektor.KonnektorTools.card;
import static de.timkim.it.konnektor.KonnektorTools.keyAndCertificate;
import static de.timkim.it.konnektor.KonnektorTools.openssl;
import static de.timkim.it.konnektor.KonnektorTools.post;
import static de.timkim.it.konnektor.KonnektorTools.via;
import static de.timkim.it.konnektor.KonnektorTools.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.DeployedEar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter's CMS checked by OpenSSL, which shares no code with ours: signatures made by an EJB
 * through the adapter verify with `openssl cms -verify` against the exported test root, and
 * EnvelopedData crosses between the adapter and `openssl cms -encrypt/-decrypt` both ways, for RSA
 * (OAEP) and brainpoolP256r1 (ECDH) keys. Runs once through the software backend and once through
 * the SOAP backend against the software Konnektor's SOAP facade.
 */
@ExtendWith(ArquillianExtension.class)
class KonnektorOpensslIT extends DeployedEar {

  private static final byte[] LETTER =
      "Arztbrief: Befund unauffällig.\r\nMit freundlichen Grüßen".getBytes(StandardCharsets.UTF_8);

  @TempDir Path work;

  @ParameterizedTest(name = "{0} via {1}")
  @CsvSource({"RSA, software", "ECC, software", "RSA, soap", "ECC, soap"})
  void smcbSignatureFromTheAdapterVerifiesWithOpensslAgainstTheTestRoot(String crypt, String path)
      throws Exception {
    var smcb = card("SMC-B");
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + smcb.getString("card_handle")
                + "/sign?crypt="
                + crypt
                + via(konnektor(path)),
            LETTER);
    assertEquals(200, reply.status(), reply.text());
    Path signature = write(work.resolve("letter.p7s"), reply.body());
    Path content = work.resolve("letter.out");
    openssl(
        "cms",
        "-verify",
        "-inform",
        "DER",
        "-in",
        signature.toString(),
        "-binary",
        "-CAfile",
        KonnektorTools.DATA.resolve("root-ca.pem").toString(),
        "-out",
        content.toString());
    assertArrayEquals(LETTER, Files.readAllBytes(content));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @CsvSource({"RSA, software", "ECC, software", "RSA, soap", "ECC, soap"})
  void dataEncryptedByTheAdapterForACardDecryptsWithOpensslAndThatCardsKey(
      String crypt, String path) throws Exception {
    var smcb = card("SMC-B");
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + smcb.getString("card_handle")
                + "/encrypt?crypt="
                + crypt
                + via(konnektor(path)),
            LETTER);
    assertEquals(200, reply.status(), reply.text());
    Path enveloped = write(work.resolve("letter.p7m"), reply.body());
    Path[] keyAndCertificate = keyAndCertificate(smcb, "C.HCI.ENC-" + crypt + ".p12", work);
    Path content = work.resolve("letter.out");
    openssl(
        "cms",
        "-decrypt",
        "-inform",
        "DER",
        "-in",
        enveloped.toString(),
        "-binary",
        "-inkey",
        keyAndCertificate[0].toString(),
        "-recip",
        keyAndCertificate[1].toString(),
        "-out",
        content.toString());
    assertArrayEquals(LETTER, Files.readAllBytes(content));
  }

  @ParameterizedTest(name = "{0} via {1}")
  @CsvSource({"RSA, software", "ECC, software", "RSA, soap", "ECC, soap"})
  void dataEncryptedByOpensslForACardDecryptsThroughTheAdapter(String crypt, String path)
      throws Exception {
    var hba = card("HBA");
    Path[] keyAndCertificate = keyAndCertificate(hba, "C.HP.ENC-" + crypt + ".p12", work);
    Path plain = write(work.resolve("letter.txt"), LETTER);
    Path enveloped = work.resolve("letter.p7m");
    List<String> command =
        new ArrayList<>(
            List.of(
                "cms",
                "-encrypt",
                "-binary",
                "-aes256",
                "-outform",
                "DER",
                "-in",
                plain.toString(),
                "-out",
                enveloped.toString(),
                "-recip",
                keyAndCertificate[1].toString()));
    if (crypt.equals("RSA")) {
      // the TI uses RSA-OAEP with SHA-256, not OpenSSL's PKCS#1 v1.5 default
      command.addAll(List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"));
    }
    openssl(command.toArray(String[]::new));
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + hba.getString("card_handle")
                + "/decrypt?crypt="
                + crypt
                + via(konnektor(path)),
            Files.readAllBytes(enveloped));
    assertEquals(200, reply.status(), reply.text());
    assertArrayEquals(LETTER, reply.body());
  }

  static String konnektor(String path) {
    return path.equals("soap") ? KonnektorTools.FACADE : null;
  }
}
