package de.timkim.it.konnektor;

import static de.timkim.it.konnektor.KonnektorTools.card;
import static de.timkim.it.konnektor.KonnektorTools.post;
import static de.timkim.it.konnektor.KonnektorTools.postJson;
import static de.timkim.it.konnektor.KonnektorTools.via;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SOAP path end to end: the adapter's SOAP backend (hand-written JAX-WS client) talks to the
 * software Konnektor's SOAP facade (hand-written endpoints) in the same server, and answers as the
 * software backend does.
 */
@ExtendWith(ArquillianExtension.class)
class KonnektorSoapIT extends DeployedEar {

  @TempDir java.nio.file.Path work;

  @Test
  void getCardsOverSoapListsTheSameCardsAsTheSoftwareBackend() throws Exception {
    var soft = KonnektorTools.get("/_tim/v1/konnektor/cards");
    var soap = KonnektorTools.get("/_tim/v1/konnektor/cards?x=1" + via(KonnektorTools.FACADE));
    assertEquals(200, soap.status(), soap.text());
    assertEquals(soft.json().getJsonArray("cards"), soap.json().getJsonArray("cards"));
  }

  @Test
  void signatureMadeOverSoapVerifiesOverSoapAndChangedContentDoesNot() throws Exception {
    var smcb = card("SMC-B");
    byte[] letter = "Überweisung".getBytes(StandardCharsets.UTF_8);
    var signed =
        post(
            "/_tim/v1/konnektor/cards/"
                + smcb.getString("card_handle")
                + "/sign?crypt=ECC"
                + via(KonnektorTools.FACADE),
            letter);
    assertEquals(200, signed.status(), signed.text());
    var verified =
        post("/_tim/v1/konnektor/verify?x=1" + via(KonnektorTools.FACADE), signed.body());
    assertEquals("VALID", verified.json().getString("result"), verified.text());
    byte[] broken = signed.body().clone();
    broken[broken.length - 5] ^= 0x01;
    var rejected = post("/_tim/v1/konnektor/verify?x=1" + via(KonnektorTools.FACADE), broken);
    assertEquals("INVALID", rejected.json().getString("result"), rejected.text());
  }

  @Test
  void externalAuthenticateOverSoapSignsTheChallengeWithTheSmcbAuthenticationKey()
      throws Exception {
    var smcb = card("SMC-B");
    byte[] challenge = "idp challenge 42".getBytes(StandardCharsets.UTF_8);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(challenge);
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + smcb.getString("card_handle")
                + "/external-authenticate?crypt=RSA"
                + via(KonnektorTools.FACADE),
            digest);
    assertEquals(200, reply.status(), reply.text());
    byte[] signature = Base64.getDecoder().decode(reply.json().getString("signature"));
    var certificatePem = KonnektorTools.keyAndCertificate(smcb, "C.HCI.AUT-RSA.p12", work)[1];
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificatePem)));
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    pss.initVerify(certificate.getPublicKey());
    pss.update(challenge);
    assertTrue(pss.verify(signature));
  }

  @Test
  void pinValueIsRefusedOverSoapBecauseARealKonnektorAsksAtTheTerminal() throws Exception {
    var smcb = card("SMC-B");
    var withPin =
        postJson(
            "/_tim/v1/konnektor/cards/"
                + smcb.getString("card_handle")
                + "/verify-pin?x=1"
                + via(KonnektorTools.FACADE),
            "{\"pin_type\": \"PIN.SMC\", \"pin\": \"123456\"}");
    assertEquals(4078, withPin.json().getInt("konnektor_code"), withPin.text());
    var atTerminal =
        postJson(
            "/_tim/v1/konnektor/cards/"
                + smcb.getString("card_handle")
                + "/verify-pin?x=1"
                + via(KonnektorTools.FACADE),
            "{\"pin_type\": \"PIN.SMC\"}");
    assertEquals(200, atTerminal.status(), atTerminal.text());
    assertEquals("VERIFIED", atTerminal.json().getString("status"));
  }
}
