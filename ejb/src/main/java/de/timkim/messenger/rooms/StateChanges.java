package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventTypes;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** Setting room state a client sends as it is (name, topic, power levels, its own state keys). */
@Stateless
public class StateChanges {

  @Inject private RateLimiter rateLimiter;

  @Inject private RoomLocks locks;

  @Inject private EventWriter writer;

  /** PUT /rooms/{roomId}/state/{eventType}/{stateKey} */
  public String sendState(
      Requester requester, String roomId, String type, String stateKey, JsonObject content) {
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, requester.userId().toString());
    RoomLocks.Locked locked = locks.lock(roomId);
    if (EventTypes.MEMBER.equals(type)) {
      String membership = content.getString("membership", null);
      if (membership == null) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "m.room.member needs a membership");
      }
    }
    if (EventTypes.POWER_LEVELS.equals(type)) {
      PowerLevels.requireValid(content, locked.room().version());
    }
    return writer
        .write(locked, requester.userId().toString(), type, stateKey, content, null)
        .eventId();
  }
}
