package de.timkim.api.client.sync;

import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.stream.StreamToken;
import de.timkim.messenger.sync.RoomSummary;
import de.timkim.messenger.sync.SyncResult;
import de.timkim.messenger.todevice.ToDeviceService;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The /sync response body (https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync)
 * of a {@link SyncResult}, as Synapse's {@code SyncRestServlet.encode_response}. Every section is
 * written even when empty (clients read {@code rooms.join} and the like without checking), except
 * the optional ones the spec lets a server leave out: {@code rooms.knock}, a summary's {@code
 * m.heroes}, {@code unread_thread_notifications}.
 */
public final class SyncResponseJson {

  private SyncResponseJson() {}

  public static JsonObject of(SyncResult result) {
    JsonObjectBuilder oneTimeKeyCounts = Jsonp.createObjectBuilder();
    DeviceKeyService.KeyCounts keyCounts = result.keyCounts();
    keyCounts.oneTimeKeys().forEach(oneTimeKeyCounts::add);
    DeviceLists.Changes lists = result.deviceLists();
    return Jsonp.createObjectBuilder()
        .add("rooms", rooms(result.rooms()))
        .add("account_data", events(accountData(result.accountData())))
        .add("presence", events(Jsonp.createArrayBuilder(result.presence())))
        .add("to_device", events(toDevice(result.toDevice())))
        .add(
            "device_lists",
            Jsonp.createObjectBuilder()
                .add("changed", Jsonp.createArrayBuilder(lists.changed()))
                .add("left", Jsonp.createArrayBuilder(lists.left())))
        .add(
            "next_batch",
            result.acknowledgesToDevice()
                ? StreamToken.acknowledgingToDevice(result.nextBatch())
                : StreamToken.of(result.nextBatch()))
        .add("device_one_time_keys_count", oneTimeKeyCounts)
        .add(
            "device_unused_fallback_key_types",
            Jsonp.createArrayBuilder(keyCounts.unusedFallbackKeyTypes()))
        .build();
  }

  private static JsonObjectBuilder rooms(SyncResult.Rooms rooms) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("join", byRoom(rooms.join(), SyncResponseJson::joinedRoom))
            .add("invite", byRoom(rooms.invite(), SyncResponseJson::invitedRoom))
            .add("leave", byRoom(rooms.leave(), SyncResponseJson::leftRoom));
    if (!rooms.knock().isEmpty()) {
      json.add("knock", byRoom(rooms.knock(), SyncResponseJson::knockedRoom));
    }
    return json;
  }

  private static <T> JsonObjectBuilder byRoom(
      Map<String, T> rooms, Function<T, JsonObjectBuilder> encode) {
    JsonObjectBuilder json = Jsonp.createObjectBuilder();
    rooms.forEach((roomId, room) -> json.add(roomId, encode.apply(room)));
    return json;
  }

  private static JsonObjectBuilder joinedRoom(SyncResult.JoinedRoom room) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("timeline", timeline(room.timeline()))
            .add("state", events(Jsonp.createArrayBuilder(room.state())))
            .add("account_data", events(accountData(room.accountData())))
            .add("ephemeral", events(Jsonp.createArrayBuilder(room.ephemeral())))
            .add("summary", summary(room.summary()))
            .add("unread_notifications", room.unread().room());
    if (room.unread().threads() != null) {
      json.add("unread_thread_notifications", room.unread().threads());
    }
    return json;
  }

  private static JsonObjectBuilder invitedRoom(SyncResult.InvitedRoom room) {
    return Jsonp.createObjectBuilder()
        .add("invite_state", events(Jsonp.createArrayBuilder(room.inviteState())));
  }

  private static JsonObjectBuilder leftRoom(SyncResult.LeftRoom room) {
    return Jsonp.createObjectBuilder()
        .add("timeline", timeline(room.timeline()))
        .add("state", events(Jsonp.createArrayBuilder(room.state())))
        .add("account_data", events(accountData(room.accountData())));
  }

  private static JsonObjectBuilder knockedRoom(SyncResult.KnockedRoom room) {
    return Jsonp.createObjectBuilder()
        .add("knock_state", events(Jsonp.createArrayBuilder(room.knockState())));
  }

  private static JsonObjectBuilder timeline(SyncResult.Timeline timeline) {
    return Jsonp.createObjectBuilder()
        .add("events", Jsonp.createArrayBuilder(timeline.events()))
        .add("limited", timeline.limited())
        .add("prev_batch", StreamToken.of(timeline.prevBatch()));
  }

  /** A room's summary; empty (not absent) when the client does not lazy-load members. */
  private static JsonObjectBuilder summary(RoomSummary summary) {
    JsonObjectBuilder json = Jsonp.createObjectBuilder();
    if (summary == null) {
      return json;
    }
    json.add("m.joined_member_count", summary.joined())
        .add("m.invited_member_count", summary.invited());
    if (!summary.heroes().isEmpty()) {
      json.add("m.heroes", Jsonp.createArrayBuilder(summary.heroes()));
    }
    return json;
  }

  private static JsonArrayBuilder accountData(List<SyncResult.AccountDataEvent> events) {
    JsonArrayBuilder json = Jsonp.createArrayBuilder();
    events.forEach(
        e ->
            json.add(
                Jsonp.createObjectBuilder().add("type", e.type()).add("content", e.content())));
    return json;
  }

  private static JsonArrayBuilder toDevice(List<ToDeviceService.Message> messages) {
    JsonArrayBuilder json = Jsonp.createArrayBuilder();
    messages.forEach(message -> json.add(message.toJson()));
    return json;
  }

  private static JsonObjectBuilder events(JsonArrayBuilder events) {
    return Jsonp.createObjectBuilder().add("events", events);
  }
}
