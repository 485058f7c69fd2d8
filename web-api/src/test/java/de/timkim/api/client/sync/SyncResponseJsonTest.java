package de.timkim.api.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.receipts.UnreadCounts;
import de.timkim.messenger.sync.RoomSummary;
import de.timkim.messenger.sync.SyncResult;
import de.timkim.messenger.todevice.ToDeviceService;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncResponseJsonTest {

  private static final DeviceKeyService.KeyCounts NO_KEYS =
      new DeviceKeyService.KeyCounts(Map.of("signed_curve25519", 0L), List.of());

  private static final DeviceLists.Changes NO_LISTS = new DeviceLists.Changes(Set.of(), Set.of());

  private static JsonObject json(String text) {
    return Jsonp.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  @Test
  void anEmptyResultStillHasEverySectionButNoKnockedRooms() {
    SyncResult empty =
        new SyncResult(
            41, false, SyncResult.Rooms.NONE, List.of(), List.of(), List.of(), NO_LISTS, NO_KEYS);
    assertEquals(
        json(
            "{'rooms':{'join':{},'invite':{},'leave':{}},'account_data':{'events':[]},"
                + "'presence':{'events':[]},'to_device':{'events':[]},"
                + "'device_lists':{'changed':[],'left':[]},'next_batch':'s41',"
                + "'device_one_time_keys_count':{'signed_curve25519':0},"
                + "'device_unused_fallback_key_types':[]}"),
        SyncResponseJson.of(empty));
  }

  @Test
  void aJoinedRoomWithoutLazyLoadingHasAnEmptySummaryAndNoThreadCounts() {
    JsonObject message = json("{'type':'m.room.message','event_id':'$m'}");
    SyncResult.JoinedRoom room =
        new SyncResult.JoinedRoom(
            new SyncResult.Timeline(List.of(message), true, 6),
            List.of(json("{'type':'m.room.name','state_key':''}")),
            List.of(new SyncResult.AccountDataEvent("m.tag", json("{'tags':{}}"))),
            List.of(json("{'type':'m.typing'}")),
            null,
            new UnreadCounts.Unread(json("{'notification_count':1}"), null));
    SyncResult result =
        withRooms(new SyncResult.Rooms(Map.of("!r:hs", room), Map.of(), Map.of(), Map.of()));
    assertEquals(
        json(
            "{'timeline':{'events':[{'type':'m.room.message','event_id':'$m'}],'limited':true,"
                + "'prev_batch':'s6'},'state':{'events':[{'type':'m.room.name','state_key':''}]},"
                + "'account_data':{'events':[{'type':'m.tag','content':{'tags':{}}}]},"
                + "'ephemeral':{'events':[{'type':'m.typing'}]},'summary':{},"
                + "'unread_notifications':{'notification_count':1}}"),
        SyncResponseJson.of(result).getJsonObject("rooms").getJsonObject("join").get("!r:hs"));
  }

  @Test
  void aSummaryWithoutHeroesHasOnlyTheCountsAndThreadCountsComeWhenAsked() {
    SyncResult.JoinedRoom room =
        new SyncResult.JoinedRoom(
            new SyncResult.Timeline(List.of(), false, 0),
            List.of(),
            List.of(),
            List.of(),
            new RoomSummary(List.of(), 1, 1),
            new UnreadCounts.Unread(json("{}"), json("{'$t':{'notification_count':2}}")));
    JsonObject encoded =
        SyncResponseJson.of(
                withRooms(
                    new SyncResult.Rooms(Map.of("!r:hs", room), Map.of(), Map.of(), Map.of())))
            .getJsonObject("rooms")
            .getJsonObject("join")
            .getJsonObject("!r:hs");
    assertEquals(
        "{\"m.joined_member_count\":1,\"m.invited_member_count\":1}",
        encoded.getJsonObject("summary").toString());
    assertEquals(
        json("{'$t':{'notification_count':2}}"), encoded.get("unread_thread_notifications"));
    assertEquals(
        json("{'m.joined_member_count':2,'m.invited_member_count':0,'m.heroes':['@a:hs']}"),
        SyncResponseJson.of(
                withRooms(
                    new SyncResult.Rooms(
                        Map.of(
                            "!r:hs",
                            new SyncResult.JoinedRoom(
                                room.timeline(),
                                List.of(),
                                List.of(),
                                List.of(),
                                new RoomSummary(List.of("@a:hs"), 2, 0),
                                room.unread())),
                        Map.of(),
                        Map.of(),
                        Map.of())))
            .getJsonObject("rooms")
            .getJsonObject("join")
            .getJsonObject("!r:hs")
            .get("summary"));
  }

  @Test
  void invitedLeftAndKnockedRoomsHaveTheirOwnSections() {
    JsonObject stripped = json("{'type':'m.room.name','state_key':'','content':{'name':'x'}}");
    SyncResult result =
        withRooms(
            new SyncResult.Rooms(
                Map.of(),
                Map.of("!i:hs", new SyncResult.InvitedRoom(List.of(stripped))),
                Map.of(
                    "!l:hs",
                    new SyncResult.LeftRoom(
                        new SyncResult.Timeline(List.of(), false, 9), List.of(), List.of())),
                Map.of("!k:hs", new SyncResult.KnockedRoom(List.of(stripped)))));
    assertEquals(
        json(
            "{'join':{},'invite':{'!i:hs':{'invite_state':{'events':["
                + stripped
                + "]}}},'leave':{'!l:hs':{'timeline':{'events':[],'limited':false,"
                + "'prev_batch':'s9'},'state':{'events':[]},'account_data':{'events':[]}}},"
                + "'knock':{'!k:hs':{'knock_state':{'events':["
                + stripped
                + "]}}}}"),
        SyncResponseJson.of(result).getJsonObject("rooms"));
  }

  @Test
  void userStreamsAndANextBatchThatAcknowledgesToDeviceMessages() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("signed_curve25519", 3L);
    SyncResult result =
        new SyncResult(
            77,
            true,
            SyncResult.Rooms.NONE,
            List.of(new SyncResult.AccountDataEvent("m.direct", json("{}"))),
            List.of(json("{'type':'m.presence','sender':'@a:hs'}")),
            List.of(new ToDeviceService.Message("@a:hs", "m.room_key_request", json("{'x':1}"))),
            new DeviceLists.Changes(new LinkedHashSet<>(List.of("@a:hs")), Set.of("@b:hs")),
            new DeviceKeyService.KeyCounts(counts, List.of("signed_curve25519")));
    JsonObject encoded = SyncResponseJson.of(result);
    assertEquals("s77t", encoded.getString("next_batch"));
    assertEquals(
        json("{'events':[{'type':'m.direct','content':{}}]}"), encoded.get("account_data"));
    assertEquals(
        json("{'events':[{'type':'m.presence','sender':'@a:hs'}]}"), encoded.get("presence"));
    assertEquals(
        json("{'events':[{'sender':'@a:hs','type':'m.room_key_request','content':{'x':1}}]}"),
        encoded.get("to_device"));
    assertEquals(json("{'changed':['@a:hs'],'left':['@b:hs']}"), encoded.get("device_lists"));
    assertEquals(json("{'signed_curve25519':3}"), encoded.get("device_one_time_keys_count"));
    assertEquals(
        Jsonp.createArrayBuilder(List.of("signed_curve25519")).build(),
        encoded.get("device_unused_fallback_key_types"));
  }

  private static SyncResult withRooms(SyncResult.Rooms rooms) {
    return new SyncResult(1, false, rooms, List.of(), List.of(), List.of(), NO_LISTS, NO_KEYS);
  }
}
