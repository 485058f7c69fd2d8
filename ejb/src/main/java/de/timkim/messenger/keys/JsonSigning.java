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
