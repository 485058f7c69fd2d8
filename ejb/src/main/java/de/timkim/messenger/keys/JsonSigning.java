package de.timkim.messenger.keys;

import de.timkim.messenger.json.CanonicalJson;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Signing JSON objects (https://spec.matrix.org/v1.11/appendices/#signing-json): the signature
 * covers the canonical form without "signatures" and "unsigned", and is added under
 * signatures.{server}.{key id}, keeping signatures already there.
 */
public final class JsonSigning {

  private JsonSigning() {}

  public static JsonObject sign(JsonObject object, String serverName, String keyId, byte[] seed) {
    return sign(object, serverName, keyId, seed, Ed25519.publicKey(seed));
  }

  /**
   * Whether {@code signature} (unpadded base64) is the ed25519 signature of {@code object}'s
   * canonical form without "signatures" and "unsigned" by {@code publicKey} (unpadded base64).
   * Anything malformed is no valid signature.
   */
  public static boolean verify(JsonObject object, String publicKey, String signature) {
    byte[] key;
    byte[] sig;
    try {
      key = Ed25519.decodeBase64(publicKey);
      sig = Ed25519.decodeBase64(signature);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    if (key.length != org.bouncycastle.math.ec.rfc8032.Ed25519.PUBLIC_KEY_SIZE
        || sig.length != org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    byte[] message =
        CanonicalJson.encode(
            Jsonp.createObjectBuilder(object).remove("signatures").remove("unsigned").build());
    try {
      return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
          sig, 0, key, 0, message, 0, message.length);
    } catch (IllegalArgumentException | IllegalStateException notAPoint) {
      return false;
    }
  }

  /** As {@link #sign(JsonObject, String, String, byte[])} with the seed's public key at hand. */
  static JsonObject sign(
      JsonObject object, String serverName, String keyId, byte[] seed, byte[] publicKey) {
    JsonObject toSign =
        Jsonp.createObjectBuilder(object).remove("signatures").remove("unsigned").build();
    String signature =
        Ed25519.unpaddedBase64(Ed25519.sign(seed, publicKey, CanonicalJson.encode(toSign)));

    JsonObject existing = object.getJsonObject("signatures");
    JsonObjectBuilder signatures =
        existing == null ? Jsonp.createObjectBuilder() : Jsonp.createObjectBuilder(existing);
    JsonObject forServer = existing == null ? null : existing.getJsonObject(serverName);
    JsonObjectBuilder serverSignatures =
        forServer == null ? Jsonp.createObjectBuilder() : Jsonp.createObjectBuilder(forServer);
    signatures.add(serverName, serverSignatures.add(keyId, signature));
    return Jsonp.createObjectBuilder(object).add("signatures", signatures).build();
  }
}
