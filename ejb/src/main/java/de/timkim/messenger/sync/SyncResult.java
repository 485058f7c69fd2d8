package de.timkim.messenger.sync;

import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.receipts.UnreadCounts;
import de.timkim.messenger.todevice.ToDeviceService;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What one /sync computed
 * (https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync), as Synapse's {@code
 * handlers/sync.py} returns its {@code SyncResult}: the structure is typed, the events in it are
 * already in the client format; the REST layer writes the JSON.
 *
 * @param nextBatch the stream position next_batch names
 * @param acknowledgesToDevice next_batch acknowledges the to-device messages this answer carries
 *     ({@link de.timkim.messenger.stream.StreamToken#acknowledgingToDevice})
 * @param accountData the user's global account data that changed
 * @param presence m.presence events
 */
public record SyncResult(
    long nextBatch,
    boolean acknowledgesToDevice,
    Rooms rooms,
    List<AccountDataEvent> accountData,
    List<JsonObject> presence,
    List<ToDeviceService.Message> toDevice,
    DeviceLists.Changes deviceLists,
    DeviceKeyService.KeyCounts keyCounts) {

  /**
   * Whether the answer holds anything new for the client; an empty incremental sync waits for more
   * (the key counts are no news: they come with every answer).
   */
  public boolean hasUpdates() {
    return !rooms.isEmpty()
        || !accountData.isEmpty()
        || !presence.isEmpty()
        || !toDevice.isEmpty()
        || !deviceLists.isEmpty();
  }

  /**
   * The rooms by membership, each by room ID in the order computed. {@code knock} stays empty: the
   * auth rules admit no knocks (see {@code AuthRules}), so no user has that membership.
   */
  public record Rooms(
      Map<String, JoinedRoom> join,
      Map<String, InvitedRoom> invite,
      Map<String, LeftRoom> leave,
      Map<String, KnockedRoom> knock) {

    public static final Rooms NONE = new Rooms(Map.of(), Map.of(), Map.of(), Map.of());

    public boolean isEmpty() {
      return join.isEmpty() && invite.isEmpty() && leave.isEmpty() && knock.isEmpty();
    }
  }

  /**
   * A joined room's section.
   *
   * @param summary null unless the client lazy-loads members (then the spec requires it)
   */
  public record JoinedRoom(
      Timeline timeline,
      List<JsonObject> state,
      List<AccountDataEvent> accountData,
      List<JsonObject> ephemeral,
      RoomSummary summary,
      UnreadCounts.Unread unread) {}

  /** An invitation: the stripped state a client shows it by. */
  public record InvitedRoom(List<JsonObject> inviteState) {}

  /** A room left or banned from: its timeline up to the leave. */
  public record LeftRoom(
      Timeline timeline, List<JsonObject> state, List<AccountDataEvent> accountData) {}

  /** A knock: the stripped state a client shows it by. */
  public record KnockedRoom(List<JsonObject> knockState) {}

  /**
   * A room's timeline: its events oldest first, whether older ones were left out, and the stream
   * position its prev_batch names (to paginate backwards from).
   */
  public record Timeline(List<JsonObject> events, boolean limited, long prevBatch) {}

  /** One account data event: its type and content. */
  public record AccountDataEvent(String type, JsonObject content) {

    static List<AccountDataEvent> of(List<AccountDataEntry> entries) {
      return entries.stream().map(e -> new AccountDataEvent(e.type(), e.content())).toList();
    }
  }
}
