package de.timkim.messenger.devicekeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class KeyFormatsTest {

  private static final String USER = "@alice:hs";
  private static final String DEVICE = "JLAFKJWSCS";

  /** Device keys as in the spec's example for POST /keys/upload. */
  private static JsonObject deviceKeys() {
    return json(
        "{\"user_id\":\"@alice:hs\",\"device_id\":\"JLAFKJWSCS\","
            + "\"algorithms\":[\"m.olm.v1.curve25519-aes-sha2\",\"m.megolm.v1.aes-sha2\"],"
            + "\"keys\":{\"curve25519:JLAFKJWSCS\":\"3C5BFWi2Y8MaVvjM8M22DBmh24PmgR0nPvJOIArzgyI\","
            + "\"ed25519:JLAFKJWSCS\":\"lEuiRJBit0IG6nUf5pUzWTUEsRVVe/HJkoKuEww9ULI\"},"
            + "\"signatures\":{\"@alice:hs\":{\"ed25519:JLAFKJWSCS\":"
            + "\"dSO80A01XiigH3uBiDVx/EjzaoycHcjq9lfQX0uWsqxl2giMIiSPR8a4d291W1ihKJL/a+myXS367WT6NAIcBA\"}}}");
  }

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  private static ErrorCode refusal(Runnable check) {
    return assertThrows(MatrixException.class, check::run).errorCode();
  }

  @Test
  void theSpecsExampleDeviceKeysPass() {
    KeyFormats.checkDeviceKeys(deviceKeys(), USER, DEVICE);
  }

  @Test
  void deviceKeysOfAnotherUserOrDeviceAreInvalidParams() {
    assertEquals(
        ErrorCode.M_INVALID_PARAM,
        refusal(() -> KeyFormats.checkDeviceKeys(deviceKeys(), "@bob:hs", DEVICE)));
    assertEquals(
        ErrorCode.M_INVALID_PARAM,
        refusal(() -> KeyFormats.checkDeviceKeys(deviceKeys(), USER, "OTHER")));
    JsonObject keyForOtherDevice =
        Json.createObjectBuilder(deviceKeys())
            .add("keys", Json.createObjectBuilder().add("ed25519:OTHER", "abc"))
            .build();
    assertEquals(
        ErrorCode.M_INVALID_PARAM,
        refusal(() -> KeyFormats.checkDeviceKeys(keyForOtherDevice, USER, DEVICE)));
  }

  @Test
  void deviceKeysWithoutTheDevicesOwnSignatureAreBadJson() {
    JsonObject signedBySomeoneElse =
        Json.createObjectBuilder(deviceKeys())
            .add("signatures", json("{\"@bob:hs\":{\"ed25519:BOB\":\"abc\"}}"))
            .build();
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(() -> KeyFormats.checkDeviceKeys(signedBySomeoneElse, USER, DEVICE)));
    JsonObject paddedSignature =
        Json.createObjectBuilder(deviceKeys())
            .add("signatures", json("{\"@alice:hs\":{\"ed25519:JLAFKJWSCS\":\"abc=\"}}"))
            .build();
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(() -> KeyFormats.checkDeviceKeys(paddedSignature, USER, DEVICE)));
  }

  @Test
  void keyIdsSplitIntoAlgorithmAndId() {
    KeyFormats.KeyId id = KeyFormats.keyId("signed_curve25519:AAAAHQ");
    assertEquals("signed_curve25519", id.algorithm());
    assertEquals("AAAAHQ", id.keyId());
    assertEquals(ErrorCode.M_BAD_JSON, refusal(() -> KeyFormats.keyId("AAAAHQ")));
    assertEquals(ErrorCode.M_BAD_JSON, refusal(() -> KeyFormats.keyId("signed_curve25519:")));
    assertEquals(ErrorCode.M_BAD_JSON, refusal(() -> KeyFormats.keyId("Signed Curve:x")));
  }

  @Test
  void signedOneTimeKeysMustBeSignedObjectsPlainOnesStrings() {
    JsonObject signed =
        json(
            "{\"key\":\"zKbLg+NrIjpnagy+pIY6uPL4ZwEG2v+8F9lmgsnlZzs\",\"signatures\":{\"@alice:hs\":{\"ed25519:JLAFKJWSCS\":\"FLWxXqGbwrb8SM3Y795eB6OA8bwBcoMZFXBqnTn58AYWZSqiD45tlBVcDa2L7RwdKXebW/VzDlnfVJ+9jok1Bw\"}}}");
    KeyFormats.checkOneTimeKey(KeyFormats.keyId("signed_curve25519:AAAAHg"), signed, USER);
    KeyFormats.checkOneTimeKey(
        KeyFormats.keyId("curve25519:AAAAHQ"),
        Json.createValue("j3fR3HemM16M7CWhoI4Sk5ZsdmdfQHsKL1xuSft6MSw"),
        USER);
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(
            () ->
                KeyFormats.checkOneTimeKey(
                    KeyFormats.keyId("signed_curve25519:A"), Json.createValue("abc"), USER)));
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(
            () ->
                KeyFormats.checkOneTimeKey(
                    KeyFormats.keyId("signed_curve25519:A"), signed, "@bob:hs")));
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(
            () ->
                KeyFormats.checkOneTimeKey(
                    KeyFormats.keyId("curve25519:A"), JsonValue.TRUE, USER)));
  }

  @Test
  void crossSigningKeysNeedTheirUsageAndOneKeyNamedByItself() {
    String pub = "nqOvzeuGWT/sRx3h7+MHoInYj3Uk2LD/unI9kDYcHwk";
    JsonObject master =
        json(
            "{\"user_id\":\"@alice:hs\",\"usage\":[\"master\"],\"keys\":{\"ed25519:"
                + pub
                + "\":\""
                + pub
                + "\"}}");
    assertEquals(pub, KeyFormats.checkCrossSigningKey(master, USER, "master"));
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(() -> KeyFormats.checkCrossSigningKey(master, USER, "self_signing")));
    assertEquals(
        ErrorCode.M_INVALID_PARAM,
        refusal(() -> KeyFormats.checkCrossSigningKey(master, "@bob:hs", "master")));
    JsonObject misnamed =
        json(
            "{\"user_id\":\"@alice:hs\",\"usage\":[\"master\"],\"keys\":{\"ed25519:other\":\""
                + pub
                + "\"}}");
    assertEquals(
        ErrorCode.M_BAD_JSON,
        refusal(() -> KeyFormats.checkCrossSigningKey(misnamed, USER, "master")));
  }
}
