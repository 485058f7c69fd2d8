package de.timkim.messenger.sync;

import de.timkim.messenger.events.StoredEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.function.Predicate;

/**
 * A /sync filter (https://spec.matrix.org/v1.11/client-server-api/#filtering): the rooms, and for
 * each section of the response (timeline, state, ephemeral, room and global account data, presence)
 * its event filter, plus include_leave and unread_thread_notifications. Not applied:
 * lazy_load_members (all members are sent, which the spec allows) and event_fields.
 */
public record SyncFilter(
    int timelineLimit,
    EventFilter timeline,
    EventFilter state,
    EventFilter ephemeral,
    EventFilter roomAccountData,
    EventFilter accountData,
    EventFilter presence,
    EventFilter roomSelection,
    boolean includeLeave,
    boolean unreadThreadNotifications) {

  public static final int DEFAULT_TIMELINE_LIMIT = 10;
  public static final SyncFilter DEFAULT = of(null);

  public static SyncFilter of(JsonObject filter) {
    JsonObject room = object(filter, "room");
    EventFilter timeline = EventFilter.of(object(room, "timeline"));
    return new SyncFilter(
        timeline.limit() == null ? DEFAULT_TIMELINE_LIMIT : timeline.limit(),
        timeline,
        EventFilter.of(object(room, "state")),
        EventFilter.of(object(room, "ephemeral")),
        EventFilter.of(object(room, "account_data")),
        EventFilter.of(object(filter, "account_data")),
        EventFilter.of(object(filter, "presence")),
        // the room filter's rooms and not_rooms, which every section's filter may narrow further
        EventFilter.of(room),
        room.get("include_leave") == JsonValue.TRUE,
        object(room, "timeline").get("unread_thread_notifications") == JsonValue.TRUE);
  }

  public boolean includesRoom(String roomId) {
    return roomSelection.allowsRoom(roomId);
  }

  /** Also used by /messages and /context for a RoomEventFilter. */
  public static Predicate<StoredEvent> roomEventFilter(JsonObject filter) {
    return EventFilter.of(filter).events();
  }

  private static JsonObject object(JsonObject parent, String key) {
    return parent != null && parent.get(key) instanceof JsonObject o
        ? o
        : JsonValue.EMPTY_JSON_OBJECT;
  }
}
