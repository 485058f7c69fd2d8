package de.timkim.messenger.sync;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A /sync filter (https://spec.matrix.org/v1.11/client-server-api/#filtering): the rooms, and for
 * each section of the response (timeline, state, ephemeral, room and global account data, presence)
 * its event filter, plus include_leave, unread_thread_notifications and the state section's
 * lazy_load_members (see {@link SyncService}). Not applied: event_fields.
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

  /**
   * Lazy-loading of members
   * (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members), which /sync takes
   * from the state section's filter.
   */
  public boolean lazyLoadMembers() {
    return state.lazyLoadMembers();
  }

  private static JsonObject object(JsonObject parent, String key) {
    return parent != null && parent.get(key) instanceof JsonObject o
        ? o
        : JsonValue.EMPTY_JSON_OBJECT;
  }
}
