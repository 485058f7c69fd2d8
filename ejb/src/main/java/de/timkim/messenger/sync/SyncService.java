package de.timkim.messenger.sync;

import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.RoomEventScan;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.events.VisiblePositions;
import de.timkim.messenger.ignoring.IgnoredUsers;
import de.timkim.messenger.presence.PresenceService;
import de.timkim.messenger.receipts.ReceiptService;
import de.timkim.messenger.receipts.UnreadCounts;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.messenger.rooms.HistoryAccess;
import de.timkim.messenger.rooms.HistoryVisibility;
import de.timkim.messenger.rooms.MembershipSenders;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.stream.StreamToken;
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
import java.util.function.Supplier;
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

  @Inject private HistoryAccess history;

  @Inject private RoomRepository roomRepository;

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

  @Inject private MembershipSenders membershipSenders;

  /** The result and whether it holds anything new (an empty incremental sync waits for more). */
  public record Result(JsonObject body, boolean hasUpdates, long position) {}

  /**
   * One transaction for the whole computation: its twenty-odd queries share one connection and one
   * commit, where each helper's own transaction cost a connection checkout and a commit round trip
   * apiece.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Result sync(
      Requester requester,
      Long since,
      boolean acknowledgesToDevice,
      SyncFilter filter,
      boolean fullState) {
    // the sync only reads entities (its writes are statements of their own): nothing to compare
    // with the thousands of events an initial sync loads when the transaction commits
    em.setProperty("org.hibernate.flushMode", "MANUAL");
    long now = events.currentPosition();
    Long from = since == null ? null : Math.min(since, now);
    if (from != null && from == now && !fullState) {
      // everything in /sync is told by stream positions: with none after the token there is
      // nothing to look up, which is what a long-poll finds on every return after an answer
      if (acknowledgesToDevice) {
        toDevice.deliver(requester, from, now);
      }
      JsonObjectBuilder sections =
          sections(
              Jsonp.createObjectBuilder(),
              Jsonp.createObjectBuilder(),
              Jsonp.createObjectBuilder(),
              Jsonp.createArrayBuilder(),
              Jsonp.createArrayBuilder(),
              Jsonp.createArrayBuilder(),
              new DeviceLists.Changes(Set.of(), Set.of()));
      return new Result(body(now, false, sections, deviceKeyCounts(requester)), false, now);
    }
    String user = requester.userId().toString();
    long wallClock = clock.millis();
    Changes changes =
        from == null || fullState || now - from > CHANGES_WINDOW
            ? Changes.ANY
            : changesSince(requester, from, now);

    JsonObjectBuilder join = Jsonp.createObjectBuilder();
    JsonObjectBuilder invite = Jsonp.createObjectBuilder();
    JsonObjectBuilder leave = Jsonp.createObjectBuilder();
    boolean updates = false;

    Map<String, List<AccountDataEntry>> accountDataByRoom =
        changes.has(Changes.ACCOUNT_DATA)
            ? accountData.changedSince(requester.userId(), from).stream()
                .collect(Collectors.groupingBy(AccountDataEntry::roomId))
            : Map.of();
    Map<String, JsonObject> typingByRoom =
        changes.has(Changes.TYPING) ? typing.forSync(requester, from) : Map.of();
    Map<String, JsonObject> receiptsByRoom =
        changes.has(Changes.RECEIPTS) ? receipts.receiptEvents(user, from, now) : Map.of();
    List<LazyMembersSent.Sent> membersSent = new ArrayList<>();
    boolean windowed = from != null && !fullState;
    Memo<Set<String>> ignored = new Memo<>(() -> ignoring.of(requester.userId()));

    List<Object[]> rooms = memberships(user, windowed ? from : null, now);
    Map<String, HistoryVisibility> visibility = historyVisibilities(user, rooms, from);
    for (Object[] row : rooms) {
      String roomId = (String) row[0];
      String membership = (String) row[1];
      long memberPosition = ((Number) row[2]).longValue();
      boolean written = Boolean.TRUE.equals(row[3]) || Integer.valueOf(1).equals(row[3]);
      if (!filter.includesRoom(roomId)) {
        continue;
      }
      boolean changedMembership = from == null || memberPosition > from;
      switch (membership) {
        case "join" -> {
          if (windowed
              && !changedMembership
              && !written
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
                  IgnoredUsers.shown(ignored.get()),
                  wallClock,
                  membersSent,
                  positions(visibility, roomId));
          if (room != null) {
            join.add(roomId, room);
            updates = true;
          }
        }
        case "invite" -> {
          if (changedMembership && !invitedByIgnored(requester.userId(), roomId, ignored.get())) {
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
                    IgnoredUsers.shown(ignored.get()),
                    filter,
                    wallClock,
                    positions(visibility, roomId)));
            updates = true;
          }
        }
        default -> {}
      }
    }

    recordMembersSent(requester, membersSent, now);

    JsonArrayBuilder toDeviceEvents = Jsonp.createArrayBuilder();
    boolean deliveredToDevice = false;
    if (changes.has(Changes.TO_DEVICE)) {
      for (ToDeviceService.Message message : toDevice.deliver(requester, from, now)) {
        toDeviceEvents.add(message.toJson());
        deliveredToDevice = true;
        updates = true;
      }
    }
    DeviceLists.Changes lists =
        from == null || !changes.has(Changes.DEVICE_LISTS | Changes.MEMBERSHIPS)
            ? new DeviceLists.Changes(Set.of(), Set.of())
            : deviceLists.since(requester.userId(), from, now);
    updates |= !lists.isEmpty();

    JsonArrayBuilder presenceEvents = Jsonp.createArrayBuilder();
    List<JsonObject> presenceShown =
        changes.has(Changes.PRESENCE | Changes.MEMBERSHIPS)
            ? presence.forSync(requester, from).stream().filter(filter.presence()::allows).toList()
            : List.of();
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
        body(
            now,
            deliveredToDevice,
            sections(join, invite, leave, globalData, presenceEvents, toDeviceEvents, lists),
            deviceKeyCounts(requester));
    return new Result(body, updates || from == null, now);
  }

  private static JsonObjectBuilder sections(
      JsonObjectBuilder join,
      JsonObjectBuilder invite,
      JsonObjectBuilder leave,
      JsonArrayBuilder globalData,
      JsonArrayBuilder presenceEvents,
      JsonArrayBuilder toDeviceEvents,
      DeviceLists.Changes lists) {
    return Jsonp.createObjectBuilder()
        .add(
            "rooms",
            Jsonp.createObjectBuilder().add("join", join).add("invite", invite).add("leave", leave))
        .add("account_data", Jsonp.createObjectBuilder().add("events", globalData))
        .add("presence", Jsonp.createObjectBuilder().add("events", presenceEvents))
        .add("to_device", Jsonp.createObjectBuilder().add("events", toDeviceEvents))
        .add(
            "device_lists",
            Jsonp.createObjectBuilder()
                .add("changed", Jsonp.createArrayBuilder(lists.changed()))
                .add("left", Jsonp.createArrayBuilder(lists.left())));
  }

  private static JsonObject body(
      long now,
      boolean deliveredToDevice,
      JsonObjectBuilder sections,
      DeviceKeyService.KeyCounts keyCounts) {
    JsonObjectBuilder oneTimeKeyCounts = Jsonp.createObjectBuilder();
    keyCounts.oneTimeKeys().forEach(oneTimeKeyCounts::add);
    return sections
        .add(
            "next_batch",
            deliveredToDevice ? StreamToken.acknowledgingToDevice(now) : StreamToken.of(now))
        .add("device_one_time_keys_count", oneTimeKeyCounts)
        .add(
            "device_unused_fallback_key_types",
            Jsonp.createArrayBuilder(keyCounts.unusedFallbackKeyTypes()))
        .build();
  }

  private DeviceKeyService.KeyCounts deviceKeyCounts(Requester requester) {
    return deviceKeys.keyCounts(requester);
  }

  /**
   * Which of /sync's streams moved in (from, to], as bits: a stream without a change spares its
   * query. A bit may be set when nothing of it concerns the user (typing, receipts and presence are
   * checked for everyone, so the check stays an index probe); then its query finds nothing.
   */
  record Changes(int bits) {
    static final int ACCOUNT_DATA = 1;
    static final int TYPING = 2;
    static final int RECEIPTS = 4;
    static final int TO_DEVICE = 8;
    static final int DEVICE_LISTS = 16;
    static final int MEMBERSHIPS = 32;
    static final int PRESENCE = 64;
    static final Changes ANY = new Changes(-1);

    boolean has(int mask) {
      return (bits & mask) != 0;
    }
  }

  private Changes changesSince(Requester requester, long from, long to) {
    Number bits =
        (Number)
            em.createNativeQuery(
                    "SELECT CASE WHEN EXISTS (SELECT 1 FROM account_data a WHERE a.user_id = ?1"
                        + " AND a.stream_ordering > ?2) THEN 1 ELSE 0 END"
                        // TypingService and PresenceService read without an upper bound
                        + " + CASE WHEN EXISTS (SELECT 1 FROM typing_notification t"
                        + " WHERE t.stream_ordering > ?2) THEN 2 ELSE 0 END"
                        + " + CASE WHEN EXISTS (SELECT 1 FROM receipt r WHERE r.stream_ordering > ?2"
                        + " AND r.stream_ordering <= ?3) THEN 4 ELSE 0 END"
                        // messages at or below the token wait for their deletion as well
                        + " + CASE WHEN EXISTS (SELECT 1 FROM to_device_message d"
                        + " WHERE d.recipient_user = ?1 AND d.recipient_device = ?4) THEN 8 ELSE 0 END"
                        + " + CASE WHEN EXISTS (SELECT 1 FROM device_list_change c"
                        + " WHERE c.stream_ordering > ?2 AND c.stream_ordering <= ?3) THEN 16 ELSE 0 END"
                        // joins, invites and leaves anywhere: membership, device lists, presence
                        + " + CASE WHEN EXISTS (SELECT 1 FROM room_event m WHERE m.stream_ordering > ?2"
                        + " AND m.type = 'm.room.member') THEN 32 ELSE 0 END"
                        + " + CASE WHEN EXISTS (SELECT 1 FROM user_presence p"
                        + " WHERE p.stream_ordering > ?2) OR EXISTS (SELECT 1 FROM account_data s"
                        + " WHERE s.type = ?5 AND s.stream_ordering > ?2) THEN 64 ELSE 0 END")
                .setParameter(1, requester.userId().toString())
                .setParameter(2, from)
                .setParameter(3, to)
                .setParameter(4, requester.deviceId() == null ? "" : requester.deviceId())
                .setParameter(5, PresenceService.SETTING)
                .getSingleResult();
    return new Changes(bits.intValue());
  }

  /**
   * Above this many stream positions since the token, {@link #changesSince} is not asked: its
   * checks for anyone's typing, receipts or presence read the stream from the token on, and for a
   * client long offline that costs more than running every section's query.
   */
  private static final long CHANGES_WINDOW = 5_000;

  /**
   * The user's rooms: room ID, membership, the position of the membership, and whether the room got
   * an event in (from, to] (always true without {@code from}). One query, so that a sync of a user
   * in many rooms reads the timelines of only those written to.
   */
  @SuppressWarnings("unchecked")
  private List<Object[]> memberships(String user, Long from, long to) {
    var query =
        em.createNativeQuery(
                "SELECT s.room_id, s.membership, s.stream_ordering,"
                    + (from == null
                        ? " TRUE"
                        : " EXISTS (SELECT 1 FROM room_event e WHERE e.room_id = s.room_id"
                            + " AND e.stream_ordering > ?2 AND e.stream_ordering <= ?3)")
                    + " FROM room_state s WHERE s.type = 'm.room.member' AND s.state_key = ?1"
                    + " AND NOT (s.membership IN ('leave', 'ban') AND EXISTS (SELECT 1 FROM room_forgotten f"
                    + " WHERE f.user_id = ?1 AND f.room_id = s.room_id))")
            .setParameter(1, user);
    if (from != null) {
      query.setParameter(2, from).setParameter(3, to);
    }
    return query.getResultList();
  }

  /**
   * History visibility (https://spec.matrix.org/v1.11/client-server-api/#history-visibility) of the
   * rooms whose timeline may reach back before the user's current membership: all on an initial
   * sync, else those whose membership changed after the token (a room joined since comes as in an
   * initial sync; a room left shows history up to the leave). A room the user stayed joined in
   * throughout (from, now] shows all of it, so an incremental sync asks nothing more for it. One
   * query for all of them.
   */
  private Map<String, HistoryVisibility> historyVisibilities(
      String user, List<Object[]> rooms, Long from) {
    List<String> needed = new ArrayList<>();
    for (Object[] row : rooms) {
      if (!"invite".equals(row[1]) && (from == null || ((Number) row[2]).longValue() > from)) {
        needed.add((String) row[0]);
      }
    }
    return needed.isEmpty() ? Map.of() : history.historyVisibilities(user, needed);
  }

  private static VisiblePositions positions(
      Map<String, HistoryVisibility> visibility, String roomId) {
    HistoryVisibility room = visibility.get(roomId);
    return room == null ? VisiblePositions.ALL : room.positions();
  }

  /** A value computed the first time it is asked for. */
  private static final class Memo<T> {
    private final Supplier<T> compute;
    private T value;

    Memo(Supplier<T> compute) {
      this.compute = compute;
    }

    T get() {
      if (value == null) {
        value = compute.get();
      }
      return value;
    }
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
      List<LazyMembersSent.Sent> membersSent,
      VisiblePositions visible) {
    Timeline slice =
        timeline(roomId, from, now, filter.timelineLimit(), filter.timeline(), notIgnored, visible);
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
      for (StoredEvent event : roomRepository.stateEvents(roomId)) {
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
    for (StoredEvent current : roomRepository.memberEvents(roomId, wanted)) {
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
        roomRepository.memberships(roomId).stream()
            .map(entry -> new RoomSummary.Member(entry.stateKey(), entry.membership()))
            .toList(),
        user,
        roomRepository.named(roomId));
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
    for (StoredEvent event : roomRepository.stateEvents(roomId)) {
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
      long wallClock,
      VisiblePositions visible) {
    Timeline slice =
        timeline(
            roomId,
            from,
            leavePosition,
            filter.timelineLimit(),
            filter.timeline(),
            notIgnored,
            visible);
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
      Predicate<StoredEvent> notIgnored,
      VisiblePositions visible) {
    if (!filter.allowsRoom(roomId)) {
      return new Timeline(List.of(), false, upTo, true);
    }
    RoomEventScan.Result scan =
        events.scan(
            roomId,
            RoomEventScan.Range.backwards(upTo, from == null ? 0 : from),
            limit,
            TIMELINE_SCAN,
            filter.events().and(notIgnored),
            visible);
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
          .add("prev_batch", StreamToken.of(start - 1))
          .build();
    }
  }

  /** Whether the user's pending invite to the room was sent by someone they ignore. */
  private boolean invitedByIgnored(UserId user, String roomId, Set<String> ignored) {
    return !ignored.isEmpty()
        && membershipSenders.of(roomId, user).map(ignored::contains).orElse(false);
  }
}
