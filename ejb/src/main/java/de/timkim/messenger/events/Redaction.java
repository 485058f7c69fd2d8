package de.timkim.messenger.events;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * The redaction algorithm (https://spec.matrix.org/v1.11/rooms/v10/#redactions and
 * https://spec.matrix.org/v1.11/rooms/v11/#redactions): what of an event survives a redaction, and
 * what its reference hash and signatures cover.
 */
public final class Redaction {

  private static final Set<String> TOP_LEVEL_V10 =
      Set.of(
          "event_id",
          "type",
          "room_id",
          "sender",
          "state_key",
          "content",
          "hashes",
          "signatures",
          "depth",
          "prev_events",
          "prev_state",
          "auth_events",
          "origin",
          "origin_server_ts",
          "membership");

  /** v11 no longer protects origin, membership and prev_state. */
  private static final Set<String> TOP_LEVEL_V11 =
      Set.of(
          "event_id",
          "type",
          "room_id",
          "sender",
          "state_key",
          "content",
          "hashes",
          "signatures",
          "depth",
          "prev_events",
          "auth_events",
          "origin_server_ts");

  private Redaction() {}

  public static JsonObject redact(JsonObject event, RoomVersion version) {
    Set<String> keep = version == RoomVersion.V11 ? TOP_LEVEL_V11 : TOP_LEVEL_V10;
    JsonObjectBuilder out = Jsonp.createObjectBuilder();
    for (var entry : event.entrySet()) {
      if (keep.contains(entry.getKey()) && !"content".equals(entry.getKey())) {
        out.add(entry.getKey(), entry.getValue());
      }
    }
    JsonObject content = event.getJsonObject("content");
    out.add(
        "content",
        content == null
            ? JsonValue.EMPTY_JSON_OBJECT
            : redactContent(event.getString("type", ""), content, version));
    return out.build();
  }

  private static JsonObject redactContent(String type, JsonObject content, RoomVersion version) {
    boolean v11 = version == RoomVersion.V11;
    Set<String> keep =
        switch (type) {
          case EventTypes.MEMBER -> Set.of("membership", "join_authorised_via_users_server");
          case EventTypes.CREATE -> v11 ? null : Set.of("creator");
          case EventTypes.JOIN_RULES -> Set.of("join_rule", "allow");
          case EventTypes.POWER_LEVELS ->
              v11
                  ? Set.of(
                      "ban",
                      "events",
                      "events_default",
                      "invite",
                      "kick",
                      "redact",
                      "state_default",
                      "users",
                      "users_default")
                  : Set.of(
                      "ban",
                      "events",
                      "events_default",
                      "kick",
                      "redact",
                      "state_default",
                      "users",
                      "users_default");
          case EventTypes.HISTORY_VISIBILITY -> Set.of("history_visibility");
          case EventTypes.REDACTION -> v11 ? Set.of("redacts") : Set.of();
          default -> Set.of();
        };
    if (keep == null) {
      return content; // v11 keeps the whole create event content
    }
    JsonObjectBuilder out = Jsonp.createObjectBuilder();
    for (String key : keep) {
      if (content.containsKey(key)) {
        out.add(key, content.get(key));
      }
    }
    if (v11 && EventTypes.MEMBER.equals(type)) {
      JsonObject invite = content.getJsonObject("third_party_invite");
      if (invite != null && invite.containsKey("signed")) {
        out.add(
            "third_party_invite", Jsonp.createObjectBuilder().add("signed", invite.get("signed")));
      }
    }
    return out.build();
  }
}
