package de.timkim.messenger.keybackup;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One room key in a backup
 * (https://spec.matrix.org/v1.11/client-server-api/#definition-keybackupdata): the client-encrypted
 * {@code session_data} and the metadata that decides which of two copies of a session's key is
 * kept.
 */
public record BackedUpKey(
    long firstMessageIndex, long forwardedCount, boolean verified, JsonObject sessionData) {

  public static BackedUpKey fromJson(JsonObject json) {
    return new BackedUpKey(
        integer(json, "first_message_index"),
        integer(json, "forwarded_count"),
        bool(json, "is_verified"),
        object(json, "session_data"));
  }

  public JsonObject toJson() {
    return Jsonp.createObjectBuilder()
        .add("first_message_index", firstMessageIndex)
        .add("forwarded_count", forwardedCount)
        .add("is_verified", verified)
        .add("session_data", sessionData)
        .build();
  }

  /**
   * The spec's rule: a verified key beats an unverified one; then the key that decrypts more (lower
   * first message index); then the one forwarded fewer times.
   */
  public boolean isBetterThan(BackedUpKey existing) {
    if (verified != existing.verified) {
      return verified;
    }
    if (firstMessageIndex != existing.firstMessageIndex) {
      return firstMessageIndex < existing.firstMessageIndex;
    }
    return forwardedCount < existing.forwardedCount;
  }

  private static long integer(JsonObject json, String key) {
    JsonValue value = json.get(key);
    if (value == null
        || value.getValueType() != JsonValue.ValueType.NUMBER
        || !((JsonNumber) value).isIntegral()
        || ((JsonNumber) value).longValue() < 0) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "'" + key + "' must be a non-negative integer");
    }
    return ((JsonNumber) value).longValue();
  }

  private static boolean bool(JsonObject json, String key) {
    JsonValue value = json.get(key);
    if (value == JsonValue.TRUE) {
      return true;
    }
    if (value == JsonValue.FALSE) {
      return false;
    }
    throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be a boolean");
  }

  private static JsonObject object(JsonObject json, String key) {
    JsonValue value = json.get(key);
    if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be an object");
    }
    return value.asJsonObject();
  }
}
