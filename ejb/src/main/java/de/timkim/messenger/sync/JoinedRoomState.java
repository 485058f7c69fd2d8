package de.timkim.messenger.sync;

import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.RoomRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The state section of a joined room in /sync: the state the client cannot learn from the timeline,
 * with lazy-loading the members it needs and has not received yet ({@link LazyMembersSent}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class JoinedRoomState {

  @Inject private RoomRepository rooms;

  @Inject private LazyMembersSent lazyMembersSent;

  /**
   * The room's state events for the client; with lazy-loading the member events sent are added to
   * {@code membersSent}, for {@link LazyMembersSent} to note once the sync is computed.
   *
   * @param room the request for this room (an initial sync's for a room joined since the token)
   * @param summary the room's summary when the client lazy-loads members, else null
   */
  public List<JsonObject> state(
      SyncRequest room,
      String roomId,
      RoomTimelines.Slice slice,
      RoomSummary summary,
      List<LazyMembersSent.Sent> membersSent) {
    Set<String> inTimeline = new HashSet<>();
    slice.events().forEach(e -> inTimeline.add(e.eventId()));
    boolean lazy = room.filter().lazyLoadMembers();
    boolean gap = room.from() == null || room.fullState() || slice.limited() || slice.hidden();
    List<JsonObject> state = new ArrayList<>();
    Predicate<StoredEvent> stateShown = room.filter().state().events();
    // state the client cannot learn from the timeline: changes before its start, and changes
    // within it that its filter (or the ignore list) hid, so the client's room state ends current
    if (gap) {
      for (StoredEvent event : rooms.stateEvents(roomId)) {
        boolean changedInGap =
            room.from() == null || room.fullState() || event.streamOrdering() > room.from();
        if (changedInGap
            && event.streamOrdering() <= room.now()
            && !inTimeline.contains(event.eventId())
            && stateShown.test(event)
            // lazy-loading: only the members the client needs, chosen below
            && !(lazy && EventTypes.MEMBER.equals(event.type()))) {
          state.add(ClientEvents.toClient(event, room.requester(), room.wallClock(), false));
        }
      }
    }
    if (lazy) {
      List<StoredEvent> members =
          lazyMembers(room, roomId, gap, slice.events(), inTimeline, summary);
      addMembersNotReceived(room, roomId, members, slice.events(), state, membersSent);
    }
    return state;
  }

  /**
   * Adds of {@code members} those the device has not received to {@code state}, and notes in {@code
   * membersSent} what the client has of them after this response.
   */
  private void addMembersNotReceived(
      SyncRequest room,
      String roomId,
      List<StoredEvent> members,
      List<StoredEvent> timeline,
      List<JsonObject> state,
      List<LazyMembersSent.Sent> membersSent) {
    boolean redundantWanted = room.filter().state().includeRedundantMembers();
    // a device that synced since it was sent a member that has not changed still has it; a room
    // new to the sync (from == null) or full_state starts the client's state afresh
    Map<String, String> received =
        redundantWanted
                || room.from() == null
                || room.fullState()
                || room.requester().deviceId() == null
            ? Map.of()
            : lazyMembersSent.received(
                room.requester(),
                roomId,
                room.from(),
                members.stream().map(StoredEvent::stateKey).toList());
    Predicate<StoredEvent> stateShown = room.filter().state().events();
    Map<String, String> sentNow = new LinkedHashMap<>();
    for (StoredEvent member : members) {
      if (!member.eventId().equals(received.get(member.stateKey())) && stateShown.test(member)) {
        state.add(ClientEvents.toClient(member, room.requester(), room.wallClock(), false));
        sentNow.put(member.stateKey(), member.eventId());
      }
    }
    // member events in the timeline reach the client as well; the last of a member wins
    for (StoredEvent event : timeline) {
      if (EventTypes.MEMBER.equals(event.type())) {
        sentNow.put(event.stateKey(), event.eventId());
      }
    }
    if (!redundantWanted) {
      sentNow.forEach(
          (member, eventId) -> membersSent.add(new LazyMembersSent.Sent(roomId, member, eventId)));
    }
  }

  /**
   * Lazy-loading (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members): the
   * member events a client that lazy-loads members needs beside the timeline. Those of the
   * timeline's senders as they were before the timeline (their current one unless the timeline
   * carries it); and where the state section sends the room's state (initial sync, full_state, a
   * gap), the user's own and the heroes' that changed in it, so the summary's heroes can be named.
   * Those this device has already received the caller leaves out ({@link LazyMembersSent}) unless
   * the filter asks for redundant members.
   */
  private List<StoredEvent> lazyMembers(
      SyncRequest room,
      String roomId,
      boolean gap,
      List<StoredEvent> timeline,
      Set<String> inTimeline,
      RoomSummary summary) {
    Set<String> senders = new LinkedHashSet<>();
    timeline.forEach(e -> senders.add(e.sender()));
    Set<String> wanted = new LinkedHashSet<>(senders);
    if (gap) {
      wanted.add(room.user());
      wanted.addAll(summary.heroes());
    }
    List<StoredEvent> members = new ArrayList<>();
    for (StoredEvent current : rooms.memberEvents(roomId, wanted)) {
      StoredEvent before = current;
      while (before != null
          && (before.streamOrdering() > room.now() || inTimeline.contains(before.eventId()))) {
        before = before.replaced().orElse(null);
      }
      if (before != null
          && (senders.contains(before.stateKey())
              || room.from() == null
              || room.fullState()
              || before.streamOrdering() > room.from())) {
        members.add(before);
      }
    }
    return members;
  }
}
