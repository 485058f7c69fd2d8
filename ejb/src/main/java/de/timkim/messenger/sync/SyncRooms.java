package de.timkim.messenger.sync;

import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.events.VisiblePositions;
import de.timkim.messenger.ignoring.IgnoredUsers;
import de.timkim.messenger.receipts.ReceiptService;
import de.timkim.messenger.rooms.HistoryAccess;
import de.timkim.messenger.rooms.HistoryVisibility;
import de.timkim.messenger.typing.TypingService;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rooms section of /sync: which of the user's rooms it carries, by membership, and the
 * bookkeeping of the member events lazy-loading sent ({@link LazyMembersSent}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SyncRooms {

  private static final Logger LOG = Logger.getLogger(SyncRooms.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private HistoryAccess history;

  @Inject private AccountDataService accountData;

  @Inject private TypingService typing;

  @Inject private ReceiptService receipts;

  @Inject private IgnoredUsers ignoring;

  @Inject private LazyMembersSent lazyMembersSent;

  @Inject private JoinedRooms joinedRooms;

  @Inject private InvitedRooms invitedRooms;

  @Inject private RoomTimelines timelines;

  /** One of the user's rooms: its membership, the position of it, and whether it was written to. */
  private record UserRoom(String roomId, String membership, long position, boolean written) {}

  /** The room-level streams' changes by room: account data, m.typing and m.receipt events. */
  private record RoomStreams(
      Map<String, List<AccountDataEntry>> accountData,
      Map<String, JsonObject> typing,
      Map<String, JsonObject> receipts) {

    boolean touched(String roomId) {
      return accountData.containsKey(roomId)
          || typing.containsKey(roomId)
          || receipts.containsKey(roomId);
    }
  }

  /**
   * The rooms of the answer to {@code request}.
   *
   * @param accountDataByRoom the user's account data changed since the token, by room
   */
  public SyncResult.Rooms sections(
      SyncRequest request,
      ChangedStreams.Changes changes,
      Map<String, List<AccountDataEntry>> accountDataByRoom) {
    Long from = request.from();
    RoomStreams streams =
        new RoomStreams(
            accountDataByRoom,
            changes.has(ChangedStreams.Changes.TYPING)
                ? typing.forSync(request.requester(), from)
                : Map.of(),
            changes.has(ChangedStreams.Changes.RECEIPTS)
                ? receipts.receiptEvents(request.user(), from, request.now())
                : Map.of());
    List<UserRoom> rooms =
        memberships(request.user(), request.windowed() ? from : null, request.now());
    Sections sections =
        new Sections(request, streams, historyVisibilities(request.user(), rooms, from));
    for (UserRoom room : rooms) {
      if (request.filter().includesRoom(room.roomId())) {
        sections.add(room);
      }
    }
    recordMembersSent(request.requester(), sections.membersSent, request.now());
    return new SyncResult.Rooms(sections.join, sections.invite, sections.leave, Map.of());
  }

  /** The room sections of one sync, collected room by room. */
  private final class Sections {
    private final SyncRequest request;
    private final RoomStreams streams;
    private final Map<String, HistoryVisibility> visibility;
    private final Memo<Set<String>> ignored;
    private final List<LazyMembersSent.Sent> membersSent = new ArrayList<>();
    private final Map<String, SyncResult.JoinedRoom> join = new LinkedHashMap<>();
    private final Map<String, SyncResult.InvitedRoom> invite = new LinkedHashMap<>();
    private final Map<String, SyncResult.LeftRoom> leave = new LinkedHashMap<>();

    Sections(SyncRequest request, RoomStreams streams, Map<String, HistoryVisibility> visibility) {
      this.request = request;
      this.streams = streams;
      this.visibility = visibility;
      this.ignored = new Memo<>(() -> ignoring.of(request.requester().userId()));
    }

    void add(UserRoom room) {
      String roomId = room.roomId();
      Long from = request.from();
      boolean changedMembership = from == null || room.position() > from;
      switch (room.membership()) {
        case Membership.JOIN -> {
          if (request.windowed()
              && !changedMembership
              && !room.written()
              && !streams.touched(roomId)) {
            // nothing happened in the room since the token, so its section would be empty;
            // skipping it spares a user in many rooms a timeline query per room on every sync
            return;
          }
          SyncResult.JoinedRoom joined =
              joined(
                  request,
                  roomId,
                  changedMembership,
                  streams,
                  IgnoredUsers.shown(ignored.get()),
                  membersSent,
                  positions(visibility, roomId));
          if (joined != null) {
            join.put(roomId, joined);
          }
        }
        case Membership.INVITE -> {
          if (changedMembership
              && !invitedRooms.invitedByIgnored(
                  request.requester().userId(), roomId, ignored.get())) {
            invite.put(roomId, invitedRooms.section(roomId));
          }
        }
        case Membership.LEAVE, Membership.BAN -> {
          if (from != null && changedMembership
              || from == null && request.filter().includeLeave()) {
            leave.put(
                roomId,
                leftRoom(
                    request,
                    roomId,
                    room.position(),
                    IgnoredUsers.shown(ignored.get()),
                    positions(visibility, roomId)));
          }
        }
        default -> {}
      }
    }
  }

  private SyncResult.JoinedRoom joined(
      SyncRequest request,
      String roomId,
      boolean changedMembership,
      RoomStreams streams,
      Predicate<StoredEvent> notIgnored,
      List<LazyMembersSent.Sent> membersSent,
      VisiblePositions visible) {
    // a room joined since the last sync comes as in an initial sync, as Synapse sends it: its
    // recent timeline (what was said while the user was invited, a server notice say), its full
    // state and all its account data (the m.server_notice tag was set while the user was only
    // invited)
    boolean joinedSince = request.from() != null && changedMembership;
    return joinedRooms.section(
        joinedSince ? request.initialWithFullState() : request,
        roomId,
        joinedSince
            ? accountData.inRoom(request.requester().userId(), roomId)
            : streams.accountData().getOrDefault(roomId, List.of()),
        streams.typing().get(roomId),
        streams.receipts().get(roomId),
        notIgnored,
        membersSent,
        visible);
  }

  private SyncResult.LeftRoom leftRoom(
      SyncRequest request,
      String roomId,
      long leavePosition,
      Predicate<StoredEvent> notIgnored,
      VisiblePositions visible) {
    RoomTimelines.Slice slice =
        timelines.timeline(
            roomId,
            request.from(),
            leavePosition,
            request.filter().timelineLimit(),
            request.filter().timeline(),
            notIgnored,
            visible);
    return new SyncResult.LeftRoom(
        slice.toResult(request.requester(), request.wallClock()), List.of(), List.of());
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

  /**
   * The user's rooms: room ID, membership, the position of the membership, and whether the room got
   * an event in (from, to] (always true without {@code from}). One query, so that a sync of a user
   * in many rooms reads the timelines of only those written to.
   */
  @SuppressWarnings("unchecked")
  private List<UserRoom> memberships(String user, Long from, long to) {
    var query =
        em.createNativeQuery(
                "SELECT s.room_id, s.membership, s.stream_ordering,"
                    + (from == null
                        ? " TRUE"
                        : " EXISTS (SELECT 1 FROM room_event e WHERE e.room_id = s.room_id"
                            + " AND e.stream_ordering > ?2 AND e.stream_ordering <= ?3)")
                    + " FROM room_state s WHERE s.type = '"
                    + EventTypes.MEMBER
                    + "' AND s.state_key = ?1"
                    + " AND NOT (s.membership IN ('"
                    + Membership.LEAVE
                    + "', '"
                    + Membership.BAN
                    + "') AND EXISTS (SELECT 1 FROM room_forgotten f"
                    + " WHERE f.user_id = ?1 AND f.room_id = s.room_id))")
            .setParameter(1, user);
    if (from != null) {
      query.setParameter(2, from).setParameter(3, to);
    }
    List<UserRoom> rooms = new ArrayList<>();
    for (Object[] row : (List<Object[]>) query.getResultList()) {
      rooms.add(
          new UserRoom(
              (String) row[0],
              (String) row[1],
              ((Number) row[2]).longValue(),
              Boolean.TRUE.equals(row[3]) || Integer.valueOf(1).equals(row[3])));
    }
    return rooms;
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
      String user, List<UserRoom> rooms, Long from) {
    List<String> needed = new ArrayList<>();
    for (UserRoom room : rooms) {
      if (!Membership.INVITE.equals(room.membership())
          && (from == null || room.position() > from)) {
        needed.add(room.roomId());
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
}
