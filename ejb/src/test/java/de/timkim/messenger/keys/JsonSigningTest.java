package de.timkim.messenger.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Test vectors of https://spec.matrix.org/v1.11/appendices/#signing-json */
class JsonSigningTest {

  private static final byte[] SEED =
      Base64.getDecoder().decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1");

  @Test
  void signsTheEmptyObjectAsTheSpecSays() {
    JsonObject signed =
        JsonSigning.sign(Json.createObjectBuilder().build(), "domain", "ed25519:1", SEED);
    assertEquals(
        "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ",
        signed.getJsonObject("signatures").getJsonObject("domain").getString("ed25519:1"));
  }

  @Test
  void signsDataAsTheSpecSaysIgnoringUnsigned() {
    JsonObject data =
        Json.createObjectBuilder()
            .add("one", 1)
            .add("two", "Two")
            .add("unsigned", Json.createObjectBuilder().add("age_ts", 1))
            .build();
    JsonObject signed = JsonSigning.sign(data, "domain", "ed25519:1", SEED);
    assertEquals(
        "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw",
        signed.getJsonObject("signatures").getJsonObject("domain").getString("ed25519:1"));
  }

  @Test
  void aKeptPublicKeySignsAsTheSeedAlone() {
    Ed25519.Generated key = Ed25519.generate();
    assertArrayEquals(key.publicKey(), Ed25519.publicKey(key.seed()));
    JsonObject data = Json.createObjectBuilder().add("one", 1).build();
    assertEquals(
        JsonSigning.sign(data, "domain", "ed25519:1", key.seed()),
        JsonSigning.sign(data, "domain", "ed25519:1", key.seed(), key.publicKey()));
  }

  @Test
  void generatedKeysVerifyWithTheJdk() throws Exception {
    Ed25519.Generated key = Ed25519.generate();
    byte[] message = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] signature = Ed25519.sign(key.seed(), message);
    var x509 = new byte[44];
    byte[] header = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    System.arraycopy(header, 0, x509, 0, 12);
    System.arraycopy(key.publicKey(), 0, x509, 12, 32);
    var publicKey =
        java.security.KeyFactory.getInstance("Ed25519")
            .generatePublic(new java.security.spec.X509EncodedKeySpec(x509));
    var verifier = java.security.Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(message);
    assertEquals(true, verifier.verify(signature));
  }
}
