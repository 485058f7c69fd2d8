package de.timkim.it.konnektor;

import static de.timkim.it.konnektor.KonnektorTools.card;
import static de.timkim.it.konnektor.KonnektorTools.issueCard;
import static de.timkim.it.konnektor.KonnektorTools.post;
import static de.timkim.it.konnektor.KonnektorTools.postJson;
import static de.timkim.it.konnektor.KonnektorTools.via;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Card locked, wrong PIN, unknown card handle, expired and revoked certificates reach the caller as
 * distinct errors with gematik's codes, through the software backend and through the SOAP path.
 */
@ExtendWith(ArquillianExtension.class)
class KonnektorErrorsIT extends DeployedEar {

  private static final byte[] DATA = "x".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(strings = {"software", "soap"})
  void unknownCardHandleIs404WithCode4101(String path) throws Exception {
    var reply =
        post(
            "/_tim/v1/konnektor/cards/no-such-card/sign?crypt=RSA"
                + via(KonnektorOpensslIT.konnektor(path)),
            DATA);
    assertEquals(404, reply.status(), reply.text());
    assertEquals("TIM_KONNEKTOR_UNKNOWN_CARD_HANDLE", reply.json().getString("errcode"));
    assertEquals(4101, reply.json().getInt("konnektor_code"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"software", "soap"})
  void wrongPinsBlockTheCardAndALockedCardCannotSign(String path) throws Exception {
    var card =
        issueCard(
            "SMC-B", "Praxis Falsche PIN " + path, "1-2-PIN-" + path, "1.2.276.0.76.4.50", "VALID");
    String handle = card.getString("card_handle");
    String wrong = "{\"pin_type\": \"PIN.SMC\", \"pin\": \"999999\"}";
    var first = postJson("/_tim/v1/konnektor/cards/" + handle + "/verify-pin", wrong);
    assertEquals(403, first.status(), first.text());
    assertEquals("TIM_KONNEKTOR_WRONG_PIN", first.json().getString("errcode"));
    assertEquals(4276, first.json().getInt("konnektor_code"));
    postJson("/_tim/v1/konnektor/cards/" + handle + "/verify-pin", wrong);
    var third = postJson("/_tim/v1/konnektor/cards/" + handle + "/verify-pin", wrong);
    assertEquals(423, third.status(), third.text());
    assertEquals(4275, third.json().getInt("konnektor_code"));

    var sign =
        post(
            "/_tim/v1/konnektor/cards/"
                + handle
                + "/sign?crypt=RSA"
                + via(KonnektorOpensslIT.konnektor(path)),
            DATA);
    assertEquals(423, sign.status(), sign.text());
    assertEquals("TIM_KONNEKTOR_CARD_LOCKED", sign.json().getString("errcode"));
    assertEquals(4063, sign.json().getInt("konnektor_code"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"software", "soap"})
  void expiredCertificateIs422WithCode1021(String path) throws Exception {
    var card =
        issueCard(
            "HBA", "Dr. Abgelaufen " + path, "1-HBA-EXP-" + path, "1.2.276.0.76.4.30", "EXPIRED");
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + card.getString("card_handle")
                + "/sign?crypt=ECC"
                + via(KonnektorOpensslIT.konnektor(path)),
            DATA);
    assertEquals(422, reply.status(), reply.text());
    assertEquals("TIM_KONNEKTOR_CERTIFICATE_INVALID", reply.json().getString("errcode"));
    assertEquals(1021, reply.json().getInt("konnektor_code"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"software", "soap"})
  void revokedCertificateIs422WithCode1047(String path) throws Exception {
    var card =
        issueCard("SMC-B", "Widerrufen " + path, "5-2-REV-" + path, "1.2.276.0.76.4.53", "REVOKED");
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + card.getString("card_handle")
                + "/sign?crypt=RSA"
                + via(KonnektorOpensslIT.konnektor(path)),
            DATA);
    assertEquals(422, reply.status(), reply.text());
    assertEquals(1047, reply.json().getInt("konnektor_code"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"software", "soap"})
  void decryptingWithTheWrongCardIsCode4106(String path) throws Exception {
    var smcb = card("SMC-B");
    var hba = card("HBA");
    var enveloped =
        post(
            "/_tim/v1/konnektor/cards/" + smcb.getString("card_handle") + "/encrypt?crypt=RSA",
            DATA);
    assertEquals(200, enveloped.status(), enveloped.text());
    var reply =
        post(
            "/_tim/v1/konnektor/cards/"
                + hba.getString("card_handle")
                + "/decrypt?crypt=RSA"
                + via(KonnektorOpensslIT.konnektor(path)),
            enveloped.body());
    assertEquals(502, reply.status(), reply.text());
    assertEquals(4106, reply.json().getInt("konnektor_code"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"software", "soap"})
  void issuedTestCardIsListedWithItsType(String path) throws Exception {
    var card =
        issueCard("SMC-B", "Neue Klinik " + path, "5-2-NEU-" + path, "1.2.276.0.76.4.53", "VALID");
    var list =
        KonnektorTools.get(
            "/_tim/v1/konnektor/cards?x=1" + via(KonnektorOpensslIT.konnektor(path)));
    assertEquals(200, list.status(), list.text());
    assertTrue(list.text().contains(card.getString("card_handle")), list.text());
  }
}
