package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * Sending events without a state key (Synapse's {@code handlers/message.py}): messages and every
 * other timeline event but redactions, idempotent per device and transaction ID.
 */
@Stateless
public class RoomMessages {

  /** TI-M: message bodies longer than this are refused. */
  public static final int MAX_BODY_CHARS = 4000;

  @Inject private EventStore events;

  @Inject private RateLimiter rateLimiter;

  @Inject private RoomLocks locks;

  @Inject private EventWriter writer;

  /** PUT /rooms/{roomId}/send/{eventType}/{txnId}: idempotent per device and transaction ID. */
  public String send(
      Requester requester, String roomId, String type, JsonObject content, String txnId) {
    if (EventTypes.REDACTION.equals(type)) {
      // a redaction must also remove the content it redacts, which only /redact does
      throw new MatrixException(
          ErrorCode.M_BAD_JSON,
          "Send redactions with PUT /rooms/{roomId}/redact/{eventId}/{txnId}");
    }
    checkMessageRules(type, content);
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, requester.userId().toString());
    return sendAsServer(requester, roomId, type, content, txnId);
  }

  /**
   * Sends on behalf of the server's own users (server notices): the same rules, without the rate
   * limit meant for people, so a notice to every user of an organisation is not throttled.
   */
  public String sendAsServer(
      Requester requester, String roomId, String type, JsonObject content, String txnId) {
    RoomLocks.Locked locked = locks.lockForMessage(roomId, requester.userId().toString());
    var previous = events.byTransaction(requester.userId().toString(), requester.deviceId(), txnId);
    if (previous.isPresent()) {
      return previous.get().eventId();
    }
    return writer
        .write(
            locked,
            requester.userId().toString(),
            type,
            null,
            content,
            new String[] {requester.deviceId(), txnId})
        .eventId();
  }

  /** TI-M's 4000-character rule for message bodies (gematik TI-M feature description). */
  static void checkMessageRules(String type, JsonObject content) {
    if (EventTypes.MESSAGE.equals(type)
        && content.get("body") instanceof jakarta.json.JsonString body) {
      String text = body.getString();
      if (text.codePointCount(0, text.length()) > MAX_BODY_CHARS) {
        throw new MatrixException(
            ErrorCode.M_TOO_LARGE,
            "Message bodies are limited to " + MAX_BODY_CHARS + " characters");
      }
    }
  }
}
