package de.timkim.messenger.rooms;

import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** A room's state as (type, state_key) → event (PDU), used to authorise the next event. */
public final class RoomState {

  private final Map<String, JsonObject> events = new HashMap<>();

  private static String key(String type, String stateKey) {
    return type + "\u0000" + stateKey;
  }

  /** A copy the caller may change without changing this one. */
  RoomState copy() {
    RoomState copy = new RoomState();
    copy.events.putAll(events);
    return copy;
  }

  public void put(JsonObject event) {
    events.put(key(event.getString("type"), event.getString("state_key")), event);
  }

  public JsonObject get(String type, String stateKey) {
    return events.get(key(type, stateKey));
  }

  public JsonObject content(String type, String stateKey) {
    JsonObject event = get(type, stateKey);
    return event == null ? null : event.getJsonObject("content");
  }

  public String membership(String userId) {
    JsonObject content = content(EventTypes.MEMBER, userId);
    return content == null ? null : content.getString("membership", null);
  }

  public String creator() {
    JsonObject create = get(EventTypes.CREATE, "");
    if (create == null) {
      return null;
    }
    // v11 dropped content.creator; the create event's sender is the creator in every version
    return create.getString("sender");
  }

  public String joinRule() {
    JsonObject content = content(EventTypes.JOIN_RULES, "");
    return content == null ? "invite" : content.getString("join_rule", "invite");
  }

  public PowerLevels powerLevels() {
    return new PowerLevels(content(EventTypes.POWER_LEVELS, ""), creator());
  }

  /** Joined members and their display names (null when they have none), for push rules. */
  public Map<String, String> joinedDisplayNames() {
    Map<String, String> joined = new HashMap<>();
    for (JsonObject event : events.values()) {
      JsonObject content = event.getJsonObject("content");
      if (EventTypes.MEMBER.equals(event.getString("type"))
          && content != null
          && Membership.JOIN.equals(content.getString("membership", null))) {
        joined.put(event.getString("state_key"), content.getString("displayname", null));
      }
    }
    return joined;
  }

  public Iterable<JsonObject> all() {
    return events.values();
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }
}
