package de.timkim.messenger.sync;

import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.events.VisiblePositions;
import de.timkim.messenger.receipts.ReceiptService;
import de.timkim.messenger.receipts.UnreadCounts;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.typing.TypingService;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A joined room's section of /sync: timeline ({@link RoomTimelines}), state ({@link
 * JoinedRoomState}), account data, ephemeral events, summary and unread counts.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class JoinedRooms {

  @Inject private RoomTimelines timelines;

  @Inject private JoinedRoomState roomState;

  @Inject private RoomRepository rooms;

  @Inject private UnreadCounts unreadCounts;

  /**
   * The room's section, or null when an incremental sync has nothing new of it.
   *
   * @param room the request for this room (an initial sync's for a room joined since the token)
   * @param accountData the room's account data to send, before the filter
   * @param typingEvent its m.typing event when the typers changed (from {@link TypingService}), or
   *     null
   * @param receiptEvent its m.receipt event with the receipts new to the user (from {@link
   *     ReceiptService}), or null
   * @param membersSent collects the member events sent to a device that lazy-loads members
   */
  public SyncResult.JoinedRoom section(
      SyncRequest room,
      String roomId,
      List<AccountDataEntry> accountData,
      JsonObject typingEvent,
      JsonObject receiptEvent,
      Predicate<StoredEvent> notIgnored,
      List<LazyMembersSent.Sent> membersSent,
      VisiblePositions visible) {
    SyncFilter filter = room.filter();
    List<AccountDataEntry> roomAccountData = roomAccountData(filter, roomId, accountData);
    List<JsonObject> ephemeral = ephemeral(filter.ephemeral(), roomId, typingEvent, receiptEvent);
    RoomTimelines.Slice slice =
        timelines.timeline(
            roomId,
            room.from(),
            room.now(),
            filter.timelineLimit(),
            filter.timeline(),
            notIgnored,
            visible);
    if (room.from() != null
        && slice.events().isEmpty()
        && roomAccountData.isEmpty()
        && ephemeral.isEmpty()
        && !room.fullState()) {
      return null;
    }
    // a client that lazy-loads members cannot count them: the spec requires the summary then; one
    // that gets all members counts them itself, so the summary (a query per room) stays empty
    RoomSummary summary = filter.lazyLoadMembers() ? summary(roomId, room.user()) : null;
    List<JsonObject> state = roomState.state(room, roomId, slice, summary, membersSent);
    UnreadCounts.Unread unread =
        unreadCounts.forRoom(room.user(), roomId, filter.unreadThreadNotifications());
    return new SyncResult.JoinedRoom(
        slice.toResult(room.requester(), room.wallClock()),
        state,
        SyncResult.AccountDataEvent.of(roomAccountData),
        ephemeral,
        summary,
        unread);
  }

  private RoomSummary summary(String roomId, String user) {
    return RoomSummary.of(
        rooms.memberships(roomId).stream()
            .map(entry -> new RoomSummary.Member(entry.stateKey(), entry.membership()))
            .toList(),
        user,
        rooms.named(roomId));
  }

  /** The room's ephemeral events of this sync that the filter lets through. */
  private static List<JsonObject> ephemeral(
      EventFilter filter, String roomId, JsonObject typingEvent, JsonObject receiptEvent) {
    List<JsonObject> events = new ArrayList<>(2);
    if (!filter.allowsRoom(roomId)) {
      return events;
    }
    if (typingEvent != null && filter.allows(typingEvent)) {
      events.add(typingEvent);
    }
    if (receiptEvent != null && filter.allows(receiptEvent)) {
      events.add(receiptEvent);
    }
    return filter.limited(events);
  }

  private static List<AccountDataEntry> roomAccountData(
      SyncFilter filter, String roomId, List<AccountDataEntry> entries) {
    EventFilter roomData = filter.roomAccountData();
    if (!roomData.allowsRoom(roomId)) {
      return List.of();
    }
    return roomData.limited(
        entries.stream().filter(entry -> roomData.allowsType(entry.type())).toList());
  }
}
