package de.timkim.it.e2ee;

import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** Authenticated Client-Server calls and well-formed key objects for the E2EE tests. */
final class Calls {

  private Calls() {}

  static Http.Reply call(Account account, String method, String path, Object body)
      throws Exception {
    return call(Http.BASE, account, method, path, body);
  }

  static Http.Reply call(String node, Account account, String method, String path, Object body)
      throws Exception {
    return Http.send(
        Http.jsonRequest(
                URI.create(node + "/_matrix/client/v3" + path),
                method,
                body == null ? null : body.toString())
            .header("Authorization", account.authorization()));
  }

  /** 32 random bytes as unpadded base64, shaped like a curve25519/ed25519 key or signature. */
  static String key() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A real ed25519 key pair, its public key as unpadded base64 (the form Matrix key IDs take). */
  record SigningKey(String publicKey, PrivateKey privateKey) {}

  static SigningKey signingKey() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    // the raw key is the last 32 bytes of the X.509 SubjectPublicKeyInfo
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return new SigningKey(
        Base64.getEncoder().withoutPadding().encodeToString(raw), pair.getPrivate());
  }

  /**
   * The signature of {@code object} by {@code key} as the spec defines it: over the canonical JSON
   * without "signatures" and "unsigned" (https://spec.matrix.org/v1.11/appendices/#signing-json).
   */
  static String sign(SigningKey key, JsonObject object) throws Exception {
    JsonObjectBuilder unsigned = Json.createObjectBuilder(object);
    unsigned.remove("signatures");
    unsigned.remove("unsigned");
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key.privateKey());
    signer.update(canonical(unsigned.build()).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().withoutPadding().encodeToString(signer.sign());
  }

  /** Canonical JSON of test data: sorted keys, no whitespace (ASCII strings, integers only). */
  private static String canonical(JsonValue value) {
    if (value instanceof JsonObject object) {
      return object.keySet().stream()
          .sorted()
          .map(k -> Json.createValue(k).toString() + ":" + canonical(object.get(k)))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (value instanceof JsonArray array) {
      return array.stream().map(Calls::canonical).collect(Collectors.joining(",", "[", "]"));
    }
    return value.toString();
  }

  static JsonObject signatures(String userId, String keyId) {
    return Json.createObjectBuilder()
        .add(userId, Json.createObjectBuilder().add(keyId, key() + key()))
        .build();
  }

  /** Device keys as a client uploads them, for the account's own device. */
  static JsonObjectBuilder deviceKeys(Account account) {
    String device = account.deviceId();
    return Json.createObjectBuilder()
        .add("user_id", account.userId())
        .add("device_id", device)
        .add(
            "algorithms",
            Json.createArrayBuilder()
                .add("m.olm.v1.curve25519-aes-sha2")
                .add("m.megolm.v1.aes-sha2"))
        .add(
            "keys",
            Json.createObjectBuilder()
                .add("curve25519:" + device, key())
                .add("ed25519:" + device, key()))
        .add("signatures", signatures(account.userId(), "ed25519:" + device));
  }

  /** A signed_curve25519 key object signed by the account's device. */
  static JsonObject signedKey(Account account) {
    return Json.createObjectBuilder()
        .add("key", key())
        .add("signatures", signatures(account.userId(), "ed25519:" + account.deviceId()))
        .build();
  }

  static JsonObject upload(JsonObjectBuilder body) {
    return body.build();
  }

  static String sinceNow(Account account) throws Exception {
    return call(account, "GET", "/sync?timeout=0", null).json().getString("next_batch");
  }
}
