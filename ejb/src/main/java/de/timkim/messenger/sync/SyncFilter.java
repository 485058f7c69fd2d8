package de.timkim.messenger.sync;

import de.timkim.messenger.events.StoredEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.function.Predicate;

/**
 * The parts of a filter (https://spec.matrix.org/v1.11/client-server-api/#filtering) this server
 * applies: timeline limit, event types (with * wildcards), rooms, include_leave,
 * unread_thread_notifications.
 */
public record SyncFilter(
    int timelineLimit,
    List<String> timelineTypes,
    List<String> timelineNotTypes,
    List<String> rooms,
    List<String> notRooms,
    boolean includeLeave,
    boolean unreadThreadNotifications) {

  public static final int DEFAULT_TIMELINE_LIMIT = 10;
  public static final SyncFilter DEFAULT =
      new SyncFilter(DEFAULT_TIMELINE_LIMIT, null, List.of(), null, List.of(), false, false);

  public static SyncFilter of(JsonObject filter) {
    if (filter == null) {
      return DEFAULT;
    }
    JsonObject room = object(filter, "room");
    JsonObject timeline = object(room, "timeline");
    int limit =
        timeline.get("limit") instanceof JsonNumber n
            ? Math.max(0, Math.min(n.intValue(), 500))
            : DEFAULT_TIMELINE_LIMIT;
    return new SyncFilter(
        limit,
        strings(timeline, "types"),
        orEmpty(strings(timeline, "not_types")),
        strings(room, "rooms"),
        orEmpty(strings(room, "not_rooms")),
        room.get("include_leave") == JsonValue.TRUE,
        timeline.get("unread_thread_notifications") == JsonValue.TRUE);
  }

  public boolean includesRoom(String roomId) {
    return (rooms == null || rooms.contains(roomId)) && !notRooms.contains(roomId);
  }

  public Predicate<StoredEvent> timeline() {
    return event -> matches(timelineTypes, timelineNotTypes, event.type());
  }

  /** Also used by /messages for a RoomEventFilter. */
  public static Predicate<StoredEvent> roomEventFilter(JsonObject filter) {
    if (filter == null) {
      return event -> true;
    }
    List<String> types = strings(filter, "types");
    List<String> notTypes = orEmpty(strings(filter, "not_types"));
    return event -> matches(types, notTypes, event.type());
  }

  static boolean matches(List<String> types, List<String> notTypes, String type) {
    for (String pattern : notTypes) {
      if (glob(pattern, type)) {
        return false;
      }
    }
    if (types == null) {
      return true;
    }
    for (String pattern : types) {
      if (glob(pattern, type)) {
        return true;
      }
    }
    return false;
  }

  static boolean glob(String pattern, String value) {
    if (pattern.endsWith("*")) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(value);
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

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
