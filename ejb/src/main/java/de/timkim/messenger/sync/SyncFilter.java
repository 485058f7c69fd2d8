package de.timkim.messenger.sync;

import de.timkim.messenger.events.StoredEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
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
    List<String> rooms,
    List<String> notRooms,
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
        strings(room, "rooms"),
        strings(room, "not_rooms") == null ? List.of() : strings(room, "not_rooms"),
        room.get("include_leave") == JsonValue.TRUE,
        object(room, "timeline").get("unread_thread_notifications") == JsonValue.TRUE);
  }

  public boolean includesRoom(String roomId) {
    return (rooms == null || rooms.contains(roomId)) && !notRooms.contains(roomId);
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

  private static List<String> strings(JsonObject parent, String key) {
    if (!(parent.get(key) instanceof JsonArray array)) {
      return null;
    }
    return array.stream()
        .filter(v -> v instanceof JsonString)
        .map(v -> ((JsonString) v).getString())
        .toList();
  }
}
