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
 * One section of a filter: an EventFilter or RoomEventFilter of the spec
 * (https://spec.matrix.org/v1.11/client-server-api/#filtering). Lists that are absent allow
 * everything; the {@code not_} lists win over the others. {@code limit} is null when the filter
 * sets none. {@code lazy_load_members} and {@code include_redundant_members} belong to a
 * RoomEventFilter (and a /sync filter's state section): see
 * https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members.
 */
public record EventFilter(
    List<String> types,
    List<String> notTypes,
    List<String> senders,
    List<String> notSenders,
    List<String> rooms,
    List<String> notRooms,
    Boolean containsUrl,
    Integer limit,
    boolean lazyLoadMembers,
    boolean includeRedundantMembers) {

  public static final EventFilter ALL =
      new EventFilter(null, List.of(), null, List.of(), null, List.of(), null, null, false, false);

  public static EventFilter of(JsonObject filter) {
    if (filter == null) {
      return ALL;
    }
    Boolean containsUrl =
        filter.get("contains_url") == JsonValue.TRUE
            ? Boolean.TRUE
            : filter.get("contains_url") == JsonValue.FALSE ? Boolean.FALSE : null;
    Integer limit =
        filter.get("limit") instanceof JsonNumber n
            ? Math.max(0, Math.min(n.intValue(), 500))
            : null;
    return new EventFilter(
        strings(filter, "types"),
        orEmpty(strings(filter, "not_types")),
        strings(filter, "senders"),
        orEmpty(strings(filter, "not_senders")),
        strings(filter, "rooms"),
        orEmpty(strings(filter, "not_rooms")),
        containsUrl,
        limit,
        filter.get("lazy_load_members") == JsonValue.TRUE,
        filter.get("include_redundant_members") == JsonValue.TRUE);
  }

  /** Whether a room's events pass at all, so a section excluded for a room is not even read. */
  public boolean allowsRoom(String roomId) {
    return (rooms == null || rooms.contains(roomId)) && !notRooms.contains(roomId);
  }

  public boolean allowsType(String type) {
    return matches(types, notTypes, type);
  }

  /** Type and sender; a null sender (account data) is tested on the type only. */
  public boolean allows(String type, String sender) {
    return allowsType(type)
        && (sender == null
            || (senders == null || senders.contains(sender)) && !notSenders.contains(sender));
  }

  public boolean allows(JsonObject event) {
    return allows(event.getString("type", ""), event.getString("sender", null));
  }

  /** The filter as a test of stored room events (type, sender, room, contains_url). */
  public Predicate<StoredEvent> events() {
    if (types == null
        && notTypes.isEmpty()
        && senders == null
        && notSenders.isEmpty()
        && rooms == null
        && notRooms.isEmpty()
        && containsUrl == null) {
      return event -> true;
    }
    return event ->
        allows(event.type(), event.sender())
            && allowsRoom(event.roomId())
            && (containsUrl == null || containsUrl == hasUrl(event));
  }

  /** At most {@code limit} of the list when the filter sets one. */
  public <T> List<T> limited(List<T> list) {
    return limit == null || list.size() <= limit ? list : list.subList(0, limit);
  }

  private static boolean hasUrl(StoredEvent event) {
    return event.content().get("url") instanceof JsonString;
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

  /** {@code *} matches any sequence of characters, anywhere in the pattern. */
  static boolean glob(String pattern, String value) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(value);
    }
    if (!value.startsWith(pattern.substring(0, star))) {
      return false;
    }
    String rest = pattern.substring(star + 1);
    for (int i = star; i <= value.length(); i++) {
      if (glob(rest, value.substring(i))) {
        return true;
      }
    }
    return false;
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
