package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Redaction;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.media.MediaReferences;
import de.timkim.messenger.media.MediaService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.logging.Logger;

/**
 * Redacting events: the m.room.redaction event and, in the same transaction, the removal of the
 * redacted event's content from the database and of media only it used.
 */
@Stateless
public class Redactions {

  private static final Logger LOG = Logger.getLogger(Redactions.class.getName());

  @Inject private EventStore events;

  @Inject private RateLimiter rateLimiter;

  @Inject private MediaReferences mediaReferences;

  @Inject private MediaService mediaService;

  @Inject private RoomLocks locks;

  @Inject private EventWriter writer;

  /**
   * PUT /rooms/{roomId}/redact/{eventId}/{txnId}: the sender may redact their own events, others
   * need the room's "redact" power level. The redacted event's content is removed from the database
   * in the same transaction, and media only it used goes with it.
   */
  public String redact(
      Requester requester, String roomId, String eventId, String reason, String txnId) {
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, requester.userId().toString());
    RoomLocks.Locked locked = locks.lockForMessage(roomId, requester.userId().toString());
    var previous = events.byTransaction(requester.userId().toString(), requester.deviceId(), txnId);
    if (previous.isPresent()) {
      return previous.get().eventId();
    }
    StoredEvent target =
        events
            .byId(eventId)
            .filter(e -> e.roomId().equals(roomId))
            .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown event"));
    String sender = requester.userId().toString();
    if (!target.sender().equals(sender)) {
      PowerLevels levels = locked.state().powerLevels();
      if (levels.userLevel(sender) < levels.redact()) {
        throw new MatrixException(
            ErrorCode.M_FORBIDDEN, "You may only redact your own events in this room");
      }
    }
    JsonObjectBuilder content = Jsonp.createObjectBuilder();
    if (reason != null) {
      content.add("reason", reason);
    }
    StoredEvent redaction =
        writer.write(
            locked,
            sender,
            EventTypes.REDACTION,
            null,
            content.add("redacts", eventId).build(),
            new String[] {requester.deviceId(), txnId});
    if (target.redactedBy() == null) {
      if (target.stateKey() != null) {
        locked.room().stateChanged();
      }
      target.redact(Redaction.redact(target.pdu(), locked.room().version()), redaction.eventId());
      mediaService.delete(mediaReferences.release(target.eventId(), target.sender(), sender));
      LOG.info(() -> "Redacted " + eventId + " in " + roomId);
    }
    return redaction.eventId();
  }
}
