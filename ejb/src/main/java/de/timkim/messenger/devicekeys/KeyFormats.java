package de.timkim.messenger.devicekeys;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shapes of key objects clients upload
 * (https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysupload): checked before
 * anything is stored, so a malformed key never reaches another user's client. Wrong shapes answer
 * 400 M_BAD_JSON, keys for someone else 400 M_INVALID_PARAM.
 */
public final class KeyFormats {

  /** Unpadded standard base64, as the spec encodes keys and signatures. */
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+");

  /** "algorithm:key id"; algorithms are namespaced identifiers like signed_curve25519. */
  private static final Pattern KEY_ID = Pattern.compile("[a-z0-9._\\-]{1,64}:[^\\s:]{1,255}");

  static final int MAX_KEYS_PER_UPLOAD = 200;

  private KeyFormats() {}

  /** A one-time or fallback key id split into algorithm and key id. */
  public record KeyId(String algorithm, String keyId) {
    @Override
    public String toString() {
      return algorithm + ":" + keyId;
    }
  }

  public static KeyId keyId(String value) {
    if (value == null || !KEY_ID.matcher(value).matches()) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "Key IDs have the form <algorithm>:<key id>, got " + value);
    }
    int colon = value.indexOf(':');
    return new KeyId(value.substring(0, colon), value.substring(colon + 1));
  }

  /**
   * Device keys must belong to the uploading device, list algorithms and keys whose IDs name that
   * device, and carry the device's own ed25519 signature.
   */
  public static void checkDeviceKeys(JsonObject keys, String userId, String deviceId) {
    String owner = string(keys, "user_id", "device_keys");
    String device = string(keys, "device_id", "device_keys");
    if (!owner.equals(userId) || !device.equals(deviceId)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM,
          "device_keys must be those of the uploading device " + deviceId + " of " + userId);
    }
    JsonValue algorithms = keys.get("algorithms");
    if (algorithms == null
        || algorithms.getValueType() != JsonValue.ValueType.ARRAY
        || algorithms.asJsonArray().isEmpty()
        || algorithms.asJsonArray().stream()
            .anyMatch(a -> a.getValueType() != JsonValue.ValueType.STRING)) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "device_keys.algorithms must be a non-empty array of strings");
    }
    JsonObject publicKeys = object(keys, "keys", "device_keys");
    if (publicKeys.isEmpty()) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "device_keys.keys must not be empty");
    }
    for (Map.Entry<String, JsonValue> key : publicKeys.entrySet()) {
      KeyId id = keyId(key.getKey());
      if (!id.keyId().equals(deviceId)) {
        throw new MatrixException(
            ErrorCode.M_INVALID_PARAM, "Device key " + key.getKey() + " is not for " + deviceId);
      }
      base64(key.getValue(), "device_keys.keys." + key.getKey());
    }
    if (!publicKeys.containsKey("ed25519:" + deviceId)) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "device_keys.keys must hold ed25519:" + deviceId);
    }
    checkSignatures(keys, "device_keys");
    JsonObject own = keys.getJsonObject("signatures").getJsonObject(userId);
    if (own == null || !own.containsKey("ed25519:" + deviceId)) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "device_keys must be signed by ed25519:" + deviceId);
    }
  }

  /**
   * A one-time or fallback key: an unpadded base64 string (unsigned curve25519) or an object with
   * {@code key} and {@code signatures} (signed_curve25519), signed by the uploader.
   */
  public static void checkOneTimeKey(KeyId id, JsonValue value, String userId) {
    String where = "key " + id;
    if (value.getValueType() == JsonValue.ValueType.STRING) {
      if (id.algorithm().startsWith("signed_")) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, where + " must be a signed key object");
      }
      base64(value, where);
      return;
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + " must be a string or an object");
    }
    JsonObject key = value.asJsonObject();
    base64(key.get("key"), where + ".key");
    if (key.containsKey("fallback")
        && key.get("fallback").getValueType() != JsonValue.ValueType.TRUE
        && key.get("fallback").getValueType() != JsonValue.ValueType.FALSE) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + ".fallback must be a boolean");
    }
    checkSignatures(key, where);
    if (!key.getJsonObject("signatures").containsKey(userId)) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + " must be signed by " + userId);
    }
  }

  /**
   * A cross-signing key (https://spec.matrix.org/v1.11/client-server-api/#cross-signing): the
   * uploader's, with the expected usage and exactly one ed25519 key; returns its public key.
   */
  public static String checkCrossSigningKey(JsonObject key, String userId, String usage) {
    String where = usage + "_key";
    if (!userId.equals(string(key, "user_id", where))) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, where + " must be for " + userId);
    }
    JsonValue usages = key.get("usage");
    if (usages == null
        || usages.getValueType() != JsonValue.ValueType.ARRAY
        || !usages.asJsonArray().contains(Jsonp.createValue(usage))) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + ".usage must contain " + usage);
    }
    JsonObject keys = object(key, "keys", where);
    if (keys.size() != 1) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + ".keys must hold exactly one key");
    }
    Map.Entry<String, JsonValue> only = keys.entrySet().iterator().next();
    KeyId id = keyId(only.getKey());
    String publicKey = base64(only.getValue(), where + ".keys");
    if (!"ed25519".equals(id.algorithm()) || !id.keyId().equals(publicKey)) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, where + " key ID must be ed25519:<the public key>");
    }
    if (key.containsKey("signatures")) {
      checkSignatures(key, where);
    }
    return publicKey;
  }

  /** signatures: {user ID: {"algorithm:key id": unpadded base64}} */
  public static void checkSignatures(JsonObject signed, String where) {
    JsonObject signatures = object(signed, "signatures", where);
    for (Map.Entry<String, JsonValue> byUser : signatures.entrySet()) {
      if (byUser.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
        throw new MatrixException(
            ErrorCode.M_BAD_JSON, where + ".signatures." + byUser.getKey() + " must be an object");
      }
      for (Map.Entry<String, JsonValue> signature : byUser.getValue().asJsonObject().entrySet()) {
        keyId(signature.getKey());
        base64(signature.getValue(), where + ".signatures");
      }
    }
  }

  /** True if the signed object is signed by {@code userId} with the key {@code keyId}. */
  public static boolean signedBy(JsonObject signed, String userId, String keyId) {
    JsonObject signatures = signed.getJsonObject("signatures");
    JsonObject byUser = signatures == null ? null : signatures.getJsonObject(userId);
    return byUser != null && byUser.containsKey(keyId);
  }

  private static String base64(JsonValue value, String where) {
    if (value == null
        || value.getValueType() != JsonValue.ValueType.STRING
        || !BASE64.matcher(((jakarta.json.JsonString) value).getString()).matches()
        || ((jakarta.json.JsonString) value).getString().length() > 1024) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + " must be unpadded base64");
    }
    return ((jakarta.json.JsonString) value).getString();
  }

  private static String string(JsonObject object, String key, String where) {
    JsonValue value = object.get(key);
    if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + "." + key + " must be a string");
    }
    return object.getString(key);
  }

  static JsonObject object(JsonObject object, String key, String where) {
    JsonValue value = object.get(key);
    if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + "." + key + " must be an object");
    }
    return value.asJsonObject();
  }
}
