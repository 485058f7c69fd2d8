package de.timkim.messenger.sync;

import de.timkim.messenger.ErrorCode;
import de.timkim.messenger.MatrixException;
import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.RoomEventScan;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.ignoring.IgnoredUsers;
import de.timkim.messenger.presence.PresenceService;
import de.timkim.messenger.receipts.ReceiptService;
import de.timkim.messenger.receipts.UnreadCounts;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.RoomHistoryService;
import de.timkim.messenger.todevice.ToDeviceService;
import de.timkim.messenger.typing.TypingService;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * One /sync computation (https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync):
 * joined, invited and left rooms and account data that changed after the since token. Tokens are
 * "s" + a stream position; everything at or below it has been delivered.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SyncService {

  private static final Logger LOG = Logger.getLogger(SyncService.class.getName());

  /** Events a filtered timeline reads at most per room and sync before it answers limited. */
  private static final int TIMELINE_SCAN = 1000;

  /**
   * Invite state a client needs to show an invitation
   * (https://spec.matrix.org/v1.11/client-server-api/#stripped-state).
   */
  private static final String MEMBER = "m.room.member";

  private static final Set<String> INVITE_STATE_TYPES =
      Set.of(
          "m.room.create",
          "m.room.join_rules",
          "m.room.name",
          "m.room.avatar",
          "m.room.canonical_alias",
          "m.room.encryption",
          "m.room.topic");

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private RoomHistoryService history;

  @Inject private AccountDataService accountData;

  @Inject private Clock clock;

  @Inject private ToDeviceService toDevice;

  @Inject private DeviceLists deviceLists;

  @Inject private DeviceKeyService deviceKeys;

  @Inject private TypingService typing;

  @Inject private PresenceService presence;

  @Inject private IgnoredUsers ignoring;

  @Inject private ReceiptService receipts;

  @Inject private UnreadCounts unreadCounts;

  @Inject private LazyMembersSent lazyMembersSent;

  /** The result and whether it holds anything new (an empty incremental sync waits for more). */
  public record Result(JsonObject body, boolean hasUpdates, long position) {}

  public static Long parseToken(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      if (token.startsWith("s")) {
        return Long.parseLong(token.substring(1));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Invalid sync token");
  }

  public static String token(long position) {
    return "s" + position;
  }

  public Result sync(Requester requester, Long since, SyncFilter filter, boolean fullState) {
    long now = events.currentPosition();
    Long from = since == null ? null : Math.min(since, now);
    String user = requester.userId().toString();
    long wallClock = clock.millis();

    JsonObjectBuilder join = Jsonp.createObjectBuilder();
    JsonObjectBuilder invite = Jsonp.createObjectBuilder();
    JsonObjectBuilder leave = Jsonp.createObjectBuilder();
    boolean updates = false;

    Map<String, List<AccountDataEntry>> accountDataByRoom =
        accountData.changedSince(requester.userId(), from).stream()
            .collect(Collectors.groupingBy(AccountDataEntry::roomId));
    Map<String, JsonObject> typingByRoom = typing.forSync(requester, from);
    Set<String> ignored = ignoring.of(requester.userId());
    Map<String, JsonObject> receiptsByRoom = receipts.receiptEvents(user, from, now);
    List<LazyMembersSent.Sent> membersSent = new ArrayList<>();
    Set<String> written = from == null || fullState ? null : roomsWrittenTo(user, from, now);

    for (Object[] row : memberships(user)) {
      String roomId = (String) row[0];
      String membership = (String) row[1];
      long memberPosition = ((Number) row[2]).longValue();
      if (!filter.includesRoom(roomId)) {
        continue;
      }
      boolean changedMembership = from == null || memberPosition > from;
      switch (membership) {
        case "join" -> {
          if (written != null
              && !changedMembership
              && !written.contains(roomId)
              && !accountDataByRoom.containsKey(roomId)
              && !typingByRoom.containsKey(roomId)
              && !receiptsByRoom.containsKey(roomId)) {
            // nothing happened in the room since the token, so its section would be empty;
            // skipping it spares a user in many rooms a timeline query per room on every sync
            continue;
          }
          JsonObject room =
              joinedRoom(
                  requester,
                  roomId,
                  // a room joined since the last sync comes as in an initial sync, as Synapse
                  // sends it: its recent timeline (what was said while the user was invited, a
                  // server notice say), its full state and all its account data (the
                  // m.server_notice tag was set while the user was only invited)
                  from != null && changedMembership ? null : from,
                  now,
                  filter,
                  fullState || (from != null && changedMembership),
                  roomAccountData(
                      filter,
                      roomId,
                      from != null && changedMembership
                          ? accountData.inRoom(requester.userId(), roomId)
                          : accountDataByRoom.getOrDefault(roomId, List.of())),
                  ephemeral(filter.ephemeral(), roomId, typingByRoom, receiptsByRoom),
                  IgnoredUsers.shown(ignored),
                  wallClock,
                  membersSent);
          if (room != null) {
            join.add(roomId, room);
            updates = true;
          }
        }
        case "invite" -> {
          if (changedMembership
              && !ignoring.invitedByIgnored(requester.userId(), roomId, ignored)) {
            invite.add(roomId, invitedRoom(roomId));
            updates = true;
          }
        }
        case "leave", "ban" -> {
          if (from != null && changedMembership || from == null && filter.includeLeave()) {
            leave.add(
                roomId,
                leftRoom(
                    requester,
                    roomId,
                    from,
                    memberPosition,
                    IgnoredUsers.shown(ignored),
                    filter,
                    wallClock));
            updates = true;
          }
        }
        default -> {}
      }
    }

    recordMembersSent(requester, membersSent, now);

    JsonArrayBuilder toDeviceEvents = Jsonp.createArrayBuilder();
    for (ToDeviceService.Message message : toDevice.deliver(requester, from, now)) {
      toDeviceEvents.add(message.toJson());
      updates = true;
    }
    DeviceLists.Changes lists =
        from == null
            ? new DeviceLists.Changes(Set.of(), Set.of())
            : deviceLists.since(requester.userId(), from, now);
    updates |= !lists.isEmpty();
    JsonObjectBuilder oneTimeKeyCounts = Jsonp.createObjectBuilder();
    deviceKeys.oneTimeKeyCounts(requester).forEach(oneTimeKeyCounts::add);

    JsonArrayBuilder presenceEvents = Jsonp.createArrayBuilder();
    List<JsonObject> presenceShown =
        presence.forSync(requester, from).stream().filter(filter.presence()::allows).toList();
    for (JsonObject event : filter.presence().limited(presenceShown)) {
      presenceEvents.add(event);
      updates = true;
    }

    JsonArrayBuilder globalData = Jsonp.createArrayBuilder();
    List<AccountDataEntry> globalShown =
        accountDataByRoom.getOrDefault(AccountDataEntry.GLOBAL, List.of()).stream()
            .filter(entry -> filter.accountData().allowsType(entry.type()))
            .toList();
    for (AccountDataEntry entry : filter.accountData().limited(globalShown)) {
      globalData.add(
          Jsonp.createObjectBuilder().add("type", entry.type()).add("content", entry.content()));
      updates = true;
    }
    JsonObject body =
        Jsonp.createObjectBuilder()
            .add("next_batch", token(now))
            .add(
                "rooms",
                Jsonp.createObjectBuilder()
                    .add("join", join)
                    .add("invite", invite)
                    .add("leave", leave))
            .add("account_data", Jsonp.createObjectBuilder().add("events", globalData))
            .add("presence", Jsonp.createObjectBuilder().add("events", presenceEvents))
            .add("to_device", Jsonp.createObjectBuilder().add("events", toDeviceEvents))
            .add(
                "device_lists",
                Jsonp.createObjectBuilder()
                    .add("changed", Jsonp.createArrayBuilder(lists.changed()))
                    .add("left", Jsonp.createArrayBuilder(lists.left())))
            .add("device_one_time_keys_count", oneTimeKeyCounts)
            .add(
                "device_unused_fallback_key_types",
                Jsonp.createArrayBuilder(deviceKeys.unusedFallbackKeyTypes(requester)))
            .build();
    return new Result(body, updates || from == null, now);
  }

  /**
   * Above this many stream positions since the token, {@link #roomsWrittenTo} is not asked: the
   * rooms are looked at one by one, as for a client long offline that is cheaper than reading every
   * event written meanwhile.
   */
  private static final long WRITTEN_ROOMS_WINDOW = 5_000;

  /**
   * The rooms the user is joined to that got events in (from, to], or null when the window is too
   * wide to read this way.
   */
  @SuppressWarnings("unchecked")
  private Set<String> roomsWrittenTo(String user, long from, long to) {
    if (to - from > WRITTEN_ROOMS_WINDOW) {
      return null;
    }
    return new HashSet<>(
        em.createNativeQuery(
                "SELECT DISTINCT e.room_id FROM room_event e"
                    + " WHERE e.stream_ordering > ?1 AND e.stream_ordering <= ?2"
                    + " AND e.room_id IN (SELECT s.room_id FROM room_state s"
                    + " WHERE s.type = 'm.room.member' AND s.state_key = ?3 AND s.membership = 'join')")
            .setParameter(1, from)
            .setParameter(2, to)
            .setParameter(3, user)
            .getResultList());
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> memberships(String user) {
    return em.createNativeQuery(
            "SELECT s.room_id, s.membership, s.stream_ordering FROM room_state s"
                + " WHERE s.type = 'm.room.member' AND s.state_key = ?1"
                + " AND NOT (s.membership IN ('leave', 'ban') AND EXISTS (SELECT 1 FROM room_forgotten f"
                + " WHERE f.user_id = ?1 AND f.room_id = s.room_id))")
        .setParameter(1, user)
        .getResultList();
  }

  private JsonObject joinedRoom(
      Requester requester,
      String roomId,
      Long from,
      long now,
      SyncFilter filter,
      boolean fullState,
      List<AccountDataEntry> roomAccountData,
      List<JsonObject> ephemeral,
      Predicate<StoredEvent> notIgnored,
      long wallClock,
      List<LazyMembersSent.Sent> membersSent) {
    Timeline slice =
        timeline(roomId, from, now, filter.timelineLimit(), filter.timeline(), notIgnored);
    List<StoredEvent> timeline = slice.events();
    boolean limited = slice.limited();
    if (from != null
        && timeline.isEmpty()
        && roomAccountData.isEmpty()
        && ephemeral.isEmpty()
        && !fullState) {
      return null;
    }
    Set<String> inTimeline = new HashSet<>();
    timeline.forEach(e -> inTimeline.add(e.eventId()));

    boolean lazy = filter.lazyLoadMembers();
    boolean gap = from == null || fullState || limited || slice.hidden();
    // a client that lazy-loads members cannot count them: the spec requires the summary then; one
    // that gets all members counts them itself, so the summary (a query per room) stays empty
    RoomSummary summary = lazy ? summary(roomId, requester.userId().toString()) : null;
    JsonArrayBuilder state = Jsonp.createArrayBuilder();
    Predicate<StoredEvent> stateShown = filter.state().events();
    // state the client cannot learn from the timeline: changes before its start, and changes
    // within it that its filter (or the ignore list) hid, so the client's room state ends current
    if (gap) {
      for (StoredEvent event : history.stateEvents(roomId)) {
        boolean changedInGap = from == null || fullState || event.streamOrdering() > from;
        if (changedInGap
            && event.streamOrdering() <= now
            && !inTimeline.contains(event.eventId())
            && stateShown.test(event)
            // lazy-loading: only the members the client needs, chosen below
            && !(lazy && MEMBER.equals(event.type()))) {
          state.add(ClientEvents.toClient(event, requester, wallClock, false));
        }
      }
    }
    if (lazy) {
      List<StoredEvent> members =
          lazyMembers(
              roomId,
              requester.userId().toString(),
              from,
              now,
              fullState,
              gap,
              timeline,
              inTimeline,
              summary.heroes());
      boolean redundantWanted = filter.state().includeRedundantMembers();
      // a device that synced since it was sent a member that has not changed still has it; a room
      // new to the sync (from == null) or full_state starts the client's state afresh
      Map<String, String> received =
          redundantWanted || from == null || fullState || requester.deviceId() == null
              ? Map.of()
              : lazyMembersSent.received(
                  requester, roomId, from, members.stream().map(StoredEvent::stateKey).toList());
      Map<String, String> sentNow = new LinkedHashMap<>();
      for (StoredEvent member : members) {
        if (!member.eventId().equals(received.get(member.stateKey())) && stateShown.test(member)) {
          state.add(ClientEvents.toClient(member, requester, wallClock, false));
          sentNow.put(member.stateKey(), member.eventId());
        }
      }
      // member events in the timeline reach the client as well; the last of a member wins
      for (StoredEvent event : timeline) {
        if (MEMBER.equals(event.type())) {
          sentNow.put(event.stateKey(), event.eventId());
        }
      }
      if (!redundantWanted) {
        sentNow.forEach(
            (member, eventId) ->
                membersSent.add(new LazyMembersSent.Sent(roomId, member, eventId)));
      }
    }
    JsonArrayBuilder roomData = Jsonp.createArrayBuilder();
    roomAccountData.forEach(
        a ->
            roomData.add(
                Jsonp.createObjectBuilder().add("type", a.type()).add("content", a.content())));

    UnreadCounts.Unread unread =
        unreadCounts.forRoom(
            requester.userId().toString(), roomId, filter.unreadThreadNotifications());
    JsonObjectBuilder room =
        Jsonp.createObjectBuilder()
            .add("timeline", slice.toJson(requester, wallClock))
            .add("state", Jsonp.createObjectBuilder().add("events", state))
            .add("account_data", Jsonp.createObjectBuilder().add("events", roomData))
            .add(
                "ephemeral",
                Jsonp.createObjectBuilder().add("events", Jsonp.createArrayBuilder(ephemeral)))
            .add("summary", summary == null ? JsonValue.EMPTY_JSON_OBJECT : summary.toJson())
            .add("unread_notifications", unread.room());
    if (unread.threads() != null) {
      room.add("unread_thread_notifications", unread.threads());
    }
    return room.build();
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
      String roomId,
      String user,
      Long from,
      long now,
      boolean fullState,
      boolean gap,
      List<StoredEvent> timeline,
      Set<String> inTimeline,
      List<String> heroes) {
    Set<String> senders = new LinkedHashSet<>();
    timeline.forEach(e -> senders.add(e.sender()));
    Set<String> wanted = new LinkedHashSet<>(senders);
    if (gap) {
      wanted.add(user);
      wanted.addAll(heroes);
    }
    List<StoredEvent> members = new ArrayList<>();
    for (StoredEvent current : history.memberEvents(roomId, wanted)) {
      StoredEvent before = current;
      while (before != null
          && (before.streamOrdering() > now || inTimeline.contains(before.eventId()))) {
        before = before.replaced().orElse(null);
      }
      if (before != null
          && (senders.contains(before.stateKey())
              || from == null
              || fullState
              || before.streamOrdering() > from)) {
        members.add(before);
      }
    }
    return members;
  }

  /**
   * Notes the member events this response sends, for the next syncs of the device to leave out. A
   * failure costs only redundant members later, so it does not fail the sync.
   */
  private void recordMembersSent(
      Requester requester, List<LazyMembersSent.Sent> membersSent, long position) {
    if (membersSent.isEmpty() || requester.deviceId() == null) {
      return;
    }
    try {
      lazyMembersSent.record(requester, membersSent, position);
    } catch (EJBException e) {
      LOG.log(
          Level.WARNING,
          "Could not note the lazy-loaded members sent to a device of " + requester.userId(),
          e);
    }
  }

  private RoomSummary summary(String roomId, String user) {
    return RoomSummary.of(
        history.memberships(roomId).stream()
            .map(entry -> new RoomSummary.Member(entry.stateKey(), entry.membership()))
            .toList(),
        user,
        history.named(roomId));
  }

  /**
   * The room's ephemeral events of this sync: its m.typing event when the typers changed (from
   * {@link TypingService}) and its m.receipt event with the receipts new to the user (from {@link
   * ReceiptService}).
   */
  private static List<JsonObject> ephemeral(
      EventFilter filter,
      String roomId,
      Map<String, JsonObject> typingByRoom,
      Map<String, JsonObject> receiptsByRoom) {
    List<JsonObject> events = new ArrayList<>(2);
    if (!filter.allowsRoom(roomId)) {
      return events;
    }
    JsonObject typingEvent = typingByRoom.get(roomId);
    if (typingEvent != null && filter.allows(typingEvent)) {
      events.add(typingEvent);
    }
    JsonObject receiptEvent = receiptsByRoom.get(roomId);
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

  private JsonObject invitedRoom(String roomId) {
    JsonArrayBuilder stripped = Jsonp.createArrayBuilder();
    for (StoredEvent event : history.stateEvents(roomId)) {
      if (INVITE_STATE_TYPES.contains(event.type())
          || "m.room.member".equals(event.type())
              && "invite".equals(event.content().getString("membership", ""))) {
        stripped.add(ClientEvents.stripped(event));
      }
    }
    return Jsonp.createObjectBuilder()
        .add("invite_state", Jsonp.createObjectBuilder().add("events", stripped))
        .build();
  }

  private JsonObject leftRoom(
      Requester requester,
      String roomId,
      Long from,
      long leavePosition,
      Predicate<StoredEvent> notIgnored,
      SyncFilter filter,
      long wallClock) {
    Timeline slice =
        timeline(
            roomId, from, leavePosition, filter.timelineLimit(), filter.timeline(), notIgnored);
    return Jsonp.createObjectBuilder()
        .add("timeline", slice.toJson(requester, wallClock))
        .add("state", Jsonp.createObjectBuilder().add("events", Jsonp.createArrayBuilder()))
        .add("account_data", Jsonp.createObjectBuilder().add("events", Jsonp.createArrayBuilder()))
        .build();
  }

  /**
   * The newest events of a room after {@code from} up to {@code upTo} that the filter shows, oldest
   * first, at most {@code limit}; limited when older events (shown or not) remain. Filtered events
   * do not count towards the limit, as the spec's filters mean, so a sparse filter reads on until
   * it has the limit or has read {@link #TIMELINE_SCAN} events (then the client paginates); the
   * paging is {@link RoomEventScan}'s, shared with /messages.
   */
  private Timeline timeline(
      String roomId,
      Long from,
      long upTo,
      int limit,
      EventFilter filter,
      Predicate<StoredEvent> notIgnored) {
    if (!filter.allowsRoom(roomId)) {
      return new Timeline(List.of(), false, upTo, true);
    }
    RoomEventScan.Result scan =
        events.scan(
            roomId,
            RoomEventScan.Range.backwards(upTo, from == null ? 0 : from),
            limit,
            TIMELINE_SCAN,
            filter.events().and(notIgnored));
    List<StoredEvent> picked = new ArrayList<>(scan.events());
    Collections.reverse(picked);
    // a timeline cut before it found a shown event starts at the oldest event it read, so that
    // paginating from its prev_batch goes on below what the scan has already passed over
    long start =
        picked.isEmpty()
            ? (scan.truncated() ? scan.cursor() + 1 : upTo)
            : picked.get(0).streamOrdering();
    return new Timeline(picked, scan.truncated(), start, scan.hidden());
  }

  /**
   * A room's timeline section: its events, whether it was cut, where it starts, and whether the
   * filter or the ignore list hid events of its range.
   */
  private record Timeline(List<StoredEvent> events, boolean limited, long start, boolean hidden) {

    JsonObject toJson(Requester requester, long wallClock) {
      JsonArrayBuilder list = Jsonp.createArrayBuilder();
      events.forEach(e -> list.add(ClientEvents.toClient(e, requester, wallClock, false)));
      return Jsonp.createObjectBuilder()
          .add("events", list)
          .add("limited", limited)
          .add("prev_batch", token(start - 1))
          .build();
    }
  }
}
