package de.timkim.it.konnektor;

import static de.timkim.it.konnektor.KonnektorTools.card;
import static de.timkim.it.konnektor.KonnektorTools.keyAndCertificate;
import static de.timkim.it.konnektor.KonnektorTools.openssl;
import static de.timkim.it.konnektor.KonnektorTools.post;
import static de.timkim.it.konnektor.KonnektorTools.via;
import static de.timkim.it.konnektor.KonnektorTools.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * encrypted documents cross between the adapter and `openssl cms -encrypt/-decrypt` both ways, for
 * RSA (OAEP) and brainpoolP256r1 (ECDH) keys: the adapter makes AuthEnvelopedData with AES-256-GCM
 * (KIM 1.5) and opens that as well as AES-256-CBC EnvelopedData (KIM 1.0). Runs once through the
 * software backend and once through the SOAP backend against the software Konnektor's SOAP facade.
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
    String structure =
        openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", enveloped.toString());
    assertTrue(structure.contains("contentType: id-smime-ct-authEnvelopedData"), structure);
    assertTrue(structure.contains("algorithm: aes-256-gcm"), structure);
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

  @ParameterizedTest(name = "{0} {2} via {1}")
  @CsvSource({
    "RSA, software, -aes-256-gcm",
    "ECC, software, -aes-256-gcm",
    "RSA, soap, -aes-256-gcm",
    "ECC, soap, -aes-256-gcm",
    "RSA, software, -aes256",
    "ECC, software, -aes256",
    "RSA, soap, -aes256",
    "ECC, soap, -aes256"
  })
  void dataEncryptedByOpensslForACardDecryptsThroughTheAdapter(
      String crypt, String path, String cipher) throws Exception {
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
                cipher,
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
    // OpenSSL makes AuthEnvelopedData for a GCM cipher and EnvelopedData for CBC
    String structure =
        openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", enveloped.toString());
    assertTrue(
        structure.contains(
            cipher.contains("gcm")
                ? "contentType: id-smime-ct-authEnvelopedData"
                : "contentType: pkcs7-envelopedData"),
        structure);
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
