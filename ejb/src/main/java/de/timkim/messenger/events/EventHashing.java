package de.timkim.messenger.events;

import de.timkim.messenger.json.CanonicalJson;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Content hashes
 * (https://spec.matrix.org/v1.11/server-server-api/#calculating-the-content-hash-for-an-event) and
 * reference hashes, which are the event IDs of room versions 4 and later
 * (https://spec.matrix.org/v1.11/rooms/v4/#event-ids).
 */
public final class EventHashing {

  private EventHashing() {}

  /** Unpadded standard base64 of SHA-256 over the event without unsigned, signatures and hashes. */
  public static String contentHash(JsonObject event) {
    JsonObject stripped =
        Jsonp.createObjectBuilder(event)
            .remove("unsigned")
            .remove("signatures")
            .remove("hashes")
            .build();
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString(sha256(CanonicalJson.encode(stripped)));
  }

  /**
   * "$" + unpadded URL-safe base64 of SHA-256 over the redacted event without signatures/unsigned.
   */
  public static String eventId(JsonObject event, RoomVersion version) {
    JsonObject redacted = Redaction.redact(event, version);
    JsonObject stripped =
        Jsonp.createObjectBuilder(redacted)
            .remove("signatures")
            .remove("unsigned")
            .remove("event_id")
            .build();
    return "$"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(sha256(CanonicalJson.encode(stripped)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
