package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.MatrixUser;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventHashing;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.Redaction;
import de.timkim.messenger.events.RoomVersion;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.json.CanonicalJson;
import de.timkim.messenger.keys.ServerKeyService;
import de.timkim.messenger.media.MediaReferences;
import de.timkim.messenger.media.MediaService;
import de.timkim.messenger.push.EventNotifications;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Creating rooms and every event written into them. Writes to one room are serialised by a row lock
 * on the room, so authorisation always sees the state the new event builds on, on any node.
 */
@Stateless
public class RoomService {

  /** TI-M: message bodies longer than this are refused. */
  public static final int MAX_BODY_CHARS = 4000;

  /**
   * The spec's limit on a whole event
   * (https://spec.matrix.org/v1.11/client-server-api/#size-limits).
   */
  public static final int MAX_EVENT_BYTES = 65536;

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Logger LOG = Logger.getLogger(RoomService.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private ServerKeyService keys;

  @Inject private Clock clock;

  @Inject private WakeAfterCommit wakeAfterCommit;

  @Inject private RateLimiter rateLimiter;

  @Inject private MediaReferences mediaReferences;

  @Inject private MediaService mediaService;

  @Inject private EventNotifications notifications;

  @Inject private MessageStateCache messageStates;

  @Inject private Event<MembershipEnded> membershipEnded;

  // ---- creating rooms

  /**
   * POST /createRoom: the create event, the creator's join, power levels, preset state, invites.
   */
  public String createRoom(Requester creator, CreateRoomRequest request) {
    rateLimiter.spend(RateLimit.ROOMS_CREATED_PER_USER, creator.userId().toString());
    RoomVersion version =
        request.roomVersion() == null ? RoomVersion.DEFAULT : RoomVersion.of(request.roomVersion());
    String preset =
        request.preset() != null
            ? request.preset()
            : "public".equals(request.visibility()) ? "public_chat" : "private_chat";
    if (!List.of("private_chat", "public_chat", "trusted_private_chat").contains(preset)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Unknown preset " + preset);
    }
    List<UserId> invitees = new ArrayList<>();
    for (String invitee : request.invite()) {
      invitees.add(UserId.parse(invitee));
    }
    String alias = null;
    if (request.roomAliasName() != null) {
      alias = "#" + request.roomAliasName() + ":" + creator.serverName();
      if (em.find(RoomAlias.class, alias) != null) {
        throw new MatrixException(ErrorCode.M_ROOM_IN_USE, "Room alias already taken");
      }
    }
    String roomId = "!" + randomLocalpart() + ":" + creator.serverName();
    Room room =
        new Room(
            roomId,
            version,
            creator.userId().toString(),
            creator.serverName(),
            clock.millis(),
            "public".equals(request.visibility()));
    em.persist(room);
    em.flush();
    RoomState state = new RoomState();
    String sender = creator.userId().toString();

    JsonObjectBuilder createContent =
        request.creationContent() == null
            ? Jsonp.createObjectBuilder()
            : Jsonp.createObjectBuilder(request.creationContent());
    createContent.add("room_version", version.id());
    if (version == RoomVersion.V10) {
      createContent.add("creator", sender);
    } else {
      createContent.remove("creator");
    }
    write(room, state, sender, "m.room.create", "", createContent.build(), null);
    write(room, state, sender, "m.room.member", sender, member("join", null), null);

    JsonObjectBuilder users = Jsonp.createObjectBuilder().add(sender, 100);
    if ("trusted_private_chat".equals(preset)) {
      invitees.forEach(i -> users.add(i.toString(), 100));
    }
    JsonObjectBuilder powerLevels =
        Jsonp.createObjectBuilder()
            .add("users", users)
            .add("users_default", 0)
            .add(
                "events",
                Jsonp.createObjectBuilder()
                    .add("m.room.name", 50)
                    .add("m.room.power_levels", 100)
                    .add("m.room.history_visibility", 100)
                    .add("m.room.canonical_alias", 50)
                    .add("m.room.avatar", 50)
                    .add("m.room.tombstone", 100)
                    .add("m.room.server_acl", 100)
                    .add("m.room.encryption", 100))
            .add("events_default", 0)
            .add("state_default", 50)
            .add("ban", 50)
            .add("kick", 50)
            .add("redact", 50)
            .add("invite", 0);
    JsonObject levels = powerLevels.build();
    if (request.powerLevelContentOverride() != null) {
      JsonObjectBuilder merged = Jsonp.createObjectBuilder(levels);
      request.powerLevelContentOverride().forEach(merged::add);
      levels = merged.build();
      PowerLevels.requireValid(levels, version);
    }
    write(room, state, sender, "m.room.power_levels", "", levels, null);
    if (alias != null) {
      write(
          room,
          state,
          sender,
          "m.room.canonical_alias",
          "",
          Jsonp.createObjectBuilder().add("alias", alias).build(),
          null);
      em.persist(new RoomAlias(alias, roomId, sender));
    }
    String joinRule = "public_chat".equals(preset) ? "public" : "invite";
    write(
        room,
        state,
        sender,
        "m.room.join_rules",
        "",
        Jsonp.createObjectBuilder().add("join_rule", joinRule).build(),
        null);
    // TI-M (gematik A_25481): a new room shows its history to members from their invite on; a
    // history_visibility in initial_state is written after this one and so replaces it
    write(
        room,
        state,
        sender,
        "m.room.history_visibility",
        "",
        Jsonp.createObjectBuilder().add("history_visibility", "invited").build(),
        null);
    write(
        room,
        state,
        sender,
        "m.room.guest_access",
        "",
        Jsonp.createObjectBuilder()
            .add("guest_access", "public_chat".equals(preset) ? "forbidden" : "can_join")
            .build(),
        null);
    for (JsonObject initial : request.initialState()) {
      String type = initial.getString("type", null);
      if (type == null || !(initial.get("content") instanceof JsonObject content)) {
        throw new MatrixException(
            ErrorCode.M_BAD_JSON, "initial_state entries need type and content");
      }
      write(room, state, sender, type, initial.getString("state_key", ""), content, null);
    }
    if (request.name() != null) {
      write(
          room,
          state,
          sender,
          "m.room.name",
          "",
          Jsonp.createObjectBuilder().add("name", request.name()).build(),
          null);
    }
    if (request.topic() != null) {
      write(
          room,
          state,
          sender,
          "m.room.topic",
          "",
          Jsonp.createObjectBuilder().add("topic", request.topic()).build(),
          null);
    }
    for (UserId invitee : invitees) {
      JsonObjectBuilder content = Jsonp.createObjectBuilder().add("membership", "invite");
      if (request.isDirect()) {
        content.add("is_direct", true);
      }
      write(room, state, sender, "m.room.member", invitee.toString(), content.build(), null);
    }
    return roomId;
  }

  // ---- membership

  /** POST /rooms/{roomId}/join and /join/{roomIdOrAlias} */
  public String join(Requester requester, String roomIdOrAlias) {
    String roomId = resolve(roomIdOrAlias);
    String user = requester.userId().toString();
    Locked locked = lock(roomId);
    if ("join".equals(locked.state.membership(user))) {
      return roomId; // joining twice is a no-op, as in Synapse
    }
    remember(user, roomId);
    write(locked.room, locked.state, user, "m.room.member", user, member("join", null), null);
    return roomId;
  }

  /** POST /rooms/{roomId}/forget: only after leaving; the room's history is then closed to them. */
  public void forget(Requester requester, String roomId) {
    String user = requester.userId().toString();
    String membership = currentState(roomId).membership(user);
    if ("join".equals(membership) || "invite".equals(membership)) {
      throw new MatrixException(
          ErrorCode.M_UNKNOWN, 400, "Leave the room before forgetting it", java.util.Map.of());
    }
    if (membership == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown room or you were never in it");
    }
    remember(user, roomId);
    em.createNativeQuery("INSERT INTO room_forgotten (user_id, room_id) VALUES (?1, ?2)")
        .setParameter(1, user)
        .setParameter(2, roomId)
        .executeUpdate();
  }

  /** Takes a room off the user's forgotten list (rejoining, or before forgetting it again). */
  private void remember(String user, String roomId) {
    em.createNativeQuery("DELETE FROM room_forgotten WHERE user_id = ?1 AND room_id = ?2")
        .setParameter(1, user)
        .setParameter(2, roomId)
        .executeUpdate();
  }

  /** POST /rooms/{roomId}/invite */
  public void invite(Requester requester, String roomId, UserId invitee, String reason) {
    changeMembership(requester, roomId, invitee.toString(), "invite", reason);
  }

  /** POST /rooms/{roomId}/leave */
  public void leave(Requester requester, String roomId, String reason) {
    changeMembership(requester, roomId, requester.userId().toString(), "leave", reason);
  }

  /** POST /rooms/{roomId}/kick */
  public void kick(Requester requester, String roomId, UserId target, String reason) {
    Locked locked = lock(roomId);
    String current = locked.state.membership(target.toString());
    if (!"join".equals(current) && !"invite".equals(current)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, target + " is not in the room");
    }
    write(
        locked.room,
        locked.state,
        requester.userId().toString(),
        "m.room.member",
        target.toString(),
        member("leave", reason),
        null);
  }

  /** POST /rooms/{roomId}/ban */
  public void ban(Requester requester, String roomId, UserId target, String reason) {
    changeMembership(requester, roomId, target.toString(), "ban", reason);
  }

  /** POST /rooms/{roomId}/unban */
  public void unban(Requester requester, String roomId, UserId target, String reason) {
    Locked locked = lock(roomId);
    if (!"ban".equals(locked.state.membership(target.toString()))) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, target + " is not banned");
    }
    write(
        locked.room,
        locked.state,
        requester.userId().toString(),
        "m.room.member",
        target.toString(),
        member("leave", reason),
        null);
  }

  private void changeMembership(
      Requester requester, String roomId, String target, String membership, String reason) {
    Locked locked = lock(roomId);
    write(
        locked.room,
        locked.state,
        requester.userId().toString(),
        "m.room.member",
        target,
        member(membership, reason),
        null);
  }

  // ---- sending

  /** PUT /rooms/{roomId}/send/{eventType}/{txnId}: idempotent per device and transaction ID. */
  public String send(
      Requester requester, String roomId, String type, JsonObject content, String txnId) {
    if ("m.room.redaction".equals(type)) {
      // a redaction must also remove the content it redacts, which only /redact does
      throw new MatrixException(
          ErrorCode.M_BAD_JSON,
          "Send redactions with PUT /rooms/{roomId}/redact/{eventId}/{txnId}");
    }
    checkMessageRules(type, content);
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, requester.userId().toString());
    return sendAsServer(requester, roomId, type, content, txnId);
  }

  /**
   * Sends on behalf of the server's own users (server notices): the same rules, without the rate
   * limit meant for people, so a notice to every user of an organisation is not throttled.
   */
  public String sendAsServer(
      Requester requester, String roomId, String type, JsonObject content, String txnId) {
    Locked locked = lockForMessage(roomId, requester.userId().toString());
    var previous = events.byTransaction(requester.userId().toString(), requester.deviceId(), txnId);
    if (previous.isPresent()) {
      return previous.get().eventId();
    }
    return write(
            locked.room,
            locked.state,
            requester.userId().toString(),
            type,
            null,
            content,
            new String[] {requester.deviceId(), txnId})
        .eventId();
  }

  /**
   * PUT /rooms/{roomId}/redact/{eventId}/{txnId}: the sender may redact their own events, others
   * need the room's "redact" power level. The redacted event's content is removed from the database
   * in the same transaction, and media only it used goes with it.
   */
  public String redact(
      Requester requester, String roomId, String eventId, String reason, String txnId) {
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, requester.userId().toString());
    Locked locked = lockForMessage(roomId, requester.userId().toString());
    var previous = events.byTransaction(requester.userId().toString(), requester.deviceId(), txnId);
    if (previous.isPresent()) {
      return previous.get().eventId();
    }
    StoredEvent target =
        events
            .byId(eventId)
            .filter(e -> e.roomId().equals(roomId))
            .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown event"));
    String sender = requester.userId().toString();
    if (!target.sender().equals(sender)) {
      PowerLevels levels = locked.state.powerLevels();
      if (levels.userLevel(sender) < levels.redact()) {
        throw new MatrixException(
            ErrorCode.M_FORBIDDEN, "You may only redact your own events in this room");
      }
    }
    JsonObjectBuilder content = Jsonp.createObjectBuilder();
    if (reason != null) {
      content.add("reason", reason);
    }
    StoredEvent redaction =
        write(
            locked.room,
            locked.state,
            sender,
            "m.room.redaction",
            null,
            content.add("redacts", eventId).build(),
            new String[] {requester.deviceId(), txnId});
    if (target.redactedBy() == null) {
      if (target.stateKey() != null) {
        locked.room.stateChanged();
      }
      target.redact(Redaction.redact(target.pdu(), locked.room.version()), redaction.eventId());
      mediaService.delete(mediaReferences.release(target.eventId(), target.sender(), sender));
      LOG.info(() -> "Redacted " + eventId + " in " + roomId);
    }
    return redaction.eventId();
  }

  /** PUT /rooms/{roomId}/state/{eventType}/{stateKey} */
  public String sendState(
      Requester requester, String roomId, String type, String stateKey, JsonObject content) {
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, requester.userId().toString());
    Locked locked = lock(roomId);
    if ("m.room.member".equals(type)) {
      String membership = content.getString("membership", null);
      if (membership == null) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "m.room.member needs a membership");
      }
    }
    if ("m.room.power_levels".equals(type)) {
      PowerLevels.requireValid(content, locked.room.version());
    }
    return write(
            locked.room, locked.state, requester.userId().toString(), type, stateKey, content, null)
        .eventId();
  }

  /** TI-M's 4000-character rule for message bodies (gematik TI-M feature description). */
  static void checkMessageRules(String type, JsonObject content) {
    if ("m.room.message".equals(type)
        && content.get("body") instanceof jakarta.json.JsonString body) {
      String text = body.getString();
      if (text.codePointCount(0, text.length()) > MAX_BODY_CHARS) {
        throw new MatrixException(
            ErrorCode.M_TOO_LARGE,
            "Message bodies are limited to " + MAX_BODY_CHARS + " characters");
      }
    }
  }

  // ---- the write path

  private record Locked(Room room, RoomState state) {}

  /** Locks the room's row for this transaction and loads its current state. */
  Locked lock(String roomId) {
    return new Locked(lockRoom(roomId), currentState(roomId));
  }

  /** The room's row, locked until commit: events of one room are written one after the other. */
  private Room lockRoom(String roomId) {
    Room room = roomId == null ? null : em.find(Room.class, roomId, LockModeType.PESSIMISTIC_WRITE);
    if (room == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown room or you are not in it");
    }
    return room;
  }

  /**
   * Locks the room for an event without a state key. The auth rules for those read only the create
   * event, the power levels and the sender's membership, and push rules the joined members, so only
   * these are loaded: parsing the whole state of a large room on every message would dominate the
   * send path. Once loaded, this node keeps them ({@link MessageStateCache}) until the room's state
   * changes.
   */
  private Locked lockForMessage(String roomId, String sender) {
    Room room = lockRoom(roomId);
    RoomState kept = messageStates.get(roomId, room.stateVersion());
    if (kept != null && "join".equals(kept.membership(sender))) {
      return new Locked(room, kept.copy());
    }
    RoomState state = new RoomState();
    for (StoredEvent event :
        em.createNamedQuery(RoomStateEntry.MESSAGE_AUTH_STATE, StoredEvent.class)
            .setParameter("r", roomId)
            .setParameter("sender", sender)
            .getResultList()) {
      state.put(Jsonp.createObjectBuilder(event.pdu()).add("event_id", event.eventId()).build());
    }
    if ("join".equals(state.membership(sender))) {
      // only then is nothing in it particular to this sender
      messageStates.putAfterCommit(roomId, room.stateVersion(), state.copy());
    }
    return new Locked(room, state);
  }

  public RoomState currentState(String roomId) {
    RoomState state = new RoomState();
    for (StoredEvent event :
        em.createQuery(
                "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r and e.eventId = s.eventId",
                StoredEvent.class)
            .setParameter("r", roomId)
            .getResultList()) {
      JsonObject pdu = event.pdu();
      state.put(Jsonp.createObjectBuilder(pdu).add("event_id", event.eventId()).build());
    }
    return state;
  }

  /** Builds, authorises, hashes, signs and stores one event; updates current state. */
  private StoredEvent write(
      Room room,
      RoomState state,
      String sender,
      String type,
      String stateKey,
      JsonObject content,
      String[] txn) {
    content = withProfile(type, stateKey, content);
    var latest = events.latestInRoom(room.roomId());
    JsonObjectBuilder pdu =
        Jsonp.createObjectBuilder()
            .add("auth_events", authEvents(state, sender, type, stateKey, content))
            .add("content", content)
            .add("depth", latest.map(e -> e.depth() + 1).orElse(1L))
            .add("origin_server_ts", clock.millis())
            .add(
                "prev_events",
                latest.isPresent()
                    ? Jsonp.createArrayBuilder().add(latest.get().eventId())
                    : Jsonp.createArrayBuilder())
            .add("room_id", room.roomId())
            .add("sender", sender)
            .add("type", type);
    if (room.version() == RoomVersion.V10) {
      pdu.add("origin", room.serverName());
      if ("m.room.redaction".equals(type)) {
        // v10 keeps "redacts" at the top level; v11 moved it into the content
        pdu.add("redacts", content.getString("redacts"));
        pdu.add("content", Jsonp.createObjectBuilder(content).remove("redacts"));
      }
    }
    if (stateKey != null) {
      pdu.add("state_key", stateKey);
    }
    JsonObject unsignedEvent = pdu.build();
    AuthRules.check(unsignedEvent, state);

    JsonObject hashed =
        Jsonp.createObjectBuilder(unsignedEvent)
            .add(
                "hashes",
                Jsonp.createObjectBuilder().add("sha256", EventHashing.contentHash(unsignedEvent)))
            .build();
    JsonObject signatures =
        keys.sign(room.serverName(), Redaction.redact(hashed, room.version()))
            .getJsonObject("signatures");
    JsonObject signed = Jsonp.createObjectBuilder(hashed).add("signatures", signatures).build();
    if (CanonicalJson.encode(signed).length > MAX_EVENT_BYTES) {
      throw new MatrixException(
          ErrorCode.M_TOO_LARGE, "Events are limited to " + MAX_EVENT_BYTES + " bytes");
    }
    String eventId = EventHashing.eventId(signed, room.version());

    RoomStateEntry entry =
        stateKey == null
            ? null
            : em.find(RoomStateEntry.class, new RoomStateEntry.Key(room.roomId(), type, stateKey));
    if (stateKey != null) {
      state.put(Jsonp.createObjectBuilder(signed).add("event_id", eventId).build());
      room.stateChanged();
    }
    EventNotifications.Outcomes notified =
        notifications.evaluate(signed, notificationView(state, sender));
    // the room's row lock orders this room's events; the claim only keeps /sync from passing the
    // position before this transaction commits
    long position = events.claimPositions(1);
    StoredEvent stored =
        new StoredEvent(
            position, eventId, signed, txn == null ? null : txn[0], txn == null ? null : txn[1]);
    if (entry != null) {
      stored.replacesState(entry.eventId());
    }
    events.persist(stored);
    if (stateKey == null) {
      mediaReferences.record(eventId, content);
    } else {
      if (entry == null) {
        entry = new RoomStateEntry(room.roomId(), type, stateKey);
        entry.point(eventId, position, membershipOf(type, content));
        em.persist(entry);
      } else {
        entry.point(eventId, position, membershipOf(type, content));
      }
      if (List.of("leave", "ban").contains(String.valueOf(membershipOf(type, content)))) {
        membershipEnded.fire(new MembershipEnded(stateKey, room.roomId()));
      }
    }
    notifications.record(notified, position);
    wakeAfterCommit.register();
    return stored;
  }

  /**
   * What push rules need to know of the room
   * (https://spec.matrix.org/v1.11/client-server-api/#conditions-1).
   */
  private static EventNotifications.Room notificationView(RoomState state, String sender) {
    JsonObject levels = state.content("m.room.power_levels", "");
    JsonObject notificationLevels =
        levels != null && levels.get("notifications") instanceof JsonObject n
            ? n
            : JsonValue.EMPTY_JSON_OBJECT;
    return new EventNotifications.Room(
        state.joinedDisplayNames(), state.powerLevels().userLevel(sender), notificationLevels);
  }

  private static String membershipOf(String type, JsonObject content) {
    return "m.room.member".equals(type) ? content.getString("membership", null) : null;
  }

  /**
   * The auth events the spec selects
   * (https://spec.matrix.org/v1.11/server-server-api/#auth-events-selection).
   */
  private static JsonArrayBuilder authEvents(
      RoomState state, String sender, String type, String stateKey, JsonObject content) {
    List<JsonObject> selected = new ArrayList<>();
    if (!"m.room.create".equals(type)) {
      addIfPresent(selected, state.get("m.room.create", ""));
      addIfPresent(selected, state.get("m.room.power_levels", ""));
      addIfPresent(selected, state.get("m.room.member", sender));
      if ("m.room.member".equals(type)) {
        if (!sender.equals(stateKey)) {
          addIfPresent(selected, state.get("m.room.member", stateKey));
        }
        String membership = content.getString("membership", "");
        if ("join".equals(membership) || "invite".equals(membership)) {
          addIfPresent(selected, state.get("m.room.join_rules", ""));
        }
      }
    }
    JsonArrayBuilder ids = Jsonp.createArrayBuilder();
    selected.stream().map(e -> e.getString("event_id")).distinct().forEach(ids::add);
    return ids;
  }

  private static void addIfPresent(List<JsonObject> list, JsonObject event) {
    if (event != null) {
      list.add(event);
    }
  }

  /**
   * Joins and invites carry the member's display name and avatar, as clients show names from the
   * member event (https://spec.matrix.org/v1.11/client-server-api/#mroommember).
   */
  private JsonObject withProfile(String type, String stateKey, JsonObject content) {
    if (!"m.room.member".equals(type)
        || content.containsKey("displayname")
        || content.containsKey("avatar_url")) {
      return content;
    }
    String membership = content.getString("membership", "");
    if (!"join".equals(membership) && !"invite".equals(membership)) {
      return content;
    }
    MatrixUser user = em.find(MatrixUser.class, stateKey);
    if (user == null) {
      return content;
    }
    JsonObjectBuilder enriched = Jsonp.createObjectBuilder(content);
    if (user.displayname() != null) {
      enriched.add("displayname", user.displayname());
    }
    if (user.avatarUrl() != null) {
      enriched.add("avatar_url", user.avatarUrl());
    }
    return enriched.build();
  }

  /**
   * After a profile change: a fresh join event with the new name and avatar in every joined room.
   * All rooms are locked, in one order, before the first write takes the stream position's lock;
   * otherwise two such updates, or one and a send, could wait for each other.
   */
  public void propagateProfile(Requester requester, List<String> joinedRooms) {
    String user = requester.userId().toString();
    List<Locked> locked = new ArrayList<>();
    joinedRooms.stream().sorted().forEach(roomId -> locked.add(lock(roomId)));
    for (Locked room : locked) {
      if ("join".equals(room.state.membership(user))) {
        write(room.room, room.state, user, "m.room.member", user, member("join", null), null);
      }
    }
  }

  // ---- aliases

  /** A room ID, or the room an alias points to. */
  public String resolve(String roomIdOrAlias) {
    if (roomIdOrAlias != null && roomIdOrAlias.startsWith("#")) {
      RoomAlias alias = em.find(RoomAlias.class, roomIdOrAlias);
      if (alias == null) {
        throw new MatrixException(ErrorCode.M_NOT_FOUND, "Room alias not found");
      }
      return alias.roomId();
    }
    if (roomIdOrAlias == null || !roomIdOrAlias.startsWith("!") || !roomIdOrAlias.contains(":")) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Not a room ID or alias: " + roomIdOrAlias);
    }
    return roomIdOrAlias;
  }

  /** PUT /directory/room/{roomAlias}: only members may alias a room, on their own server name. */
  public void createAlias(Requester requester, String alias, String roomId) {
    if (!alias.startsWith("#") || !alias.endsWith(":" + requester.serverName())) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Aliases must be #name:" + requester.serverName());
    }
    Locked locked = lock(roomId);
    if (!"join".equals(locked.state.membership(requester.userId().toString()))) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in the room");
    }
    if (em.find(RoomAlias.class, alias) != null) {
      throw aliasExists();
    }
    try {
      // the room lock orders creators within one room; one alias created for two rooms at once
      // meets at the primary key, so the insert runs now and the loser gets the same 409 as the
      // check above rather than a failed commit the container logs as a system error
      em.persist(new RoomAlias(alias, roomId, requester.userId().toString()));
      em.flush();
    } catch (PersistenceException duplicate) {
      throw aliasExists();
    }
  }

  private static MatrixException aliasExists() {
    return new MatrixException(
        ErrorCode.M_UNKNOWN, 409, "Room alias already exists", java.util.Map.of());
  }

  /** DELETE /directory/room/{roomAlias}: its creator or a room moderator may remove it. */
  public void deleteAlias(Requester requester, String alias) {
    RoomAlias found = em.find(RoomAlias.class, alias);
    if (found == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Room alias not found");
    }
    if (!found.creator().equals(requester.userId().toString())) {
      RoomState state = currentState(found.roomId());
      PowerLevels levels = state.powerLevels();
      if (levels.userLevel(requester.userId().toString())
          < levels.eventLevel("m.room.canonical_alias", true)) {
        throw new MatrixException(ErrorCode.M_FORBIDDEN, "You may not remove this alias");
      }
    }
    em.remove(found);
  }

  /**
   * GET /rooms/{roomId}/aliases: the room's aliases on this deployment, for its members (the spec
   * also opens them to anyone in a world-readable room; rooms here are never world-readable).
   */
  public List<String> localAliases(Requester requester, String roomId) {
    if (!membership(roomId, requester.userId()).filter("join"::equals).isPresent()) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not in this room");
    }
    return em.createQuery(
            "select a.alias from RoomAlias a where a.roomId = :r order by a.alias", String.class)
        .setParameter("r", roomId)
        .getResultList();
  }

  /** The user's current membership in the room ("join", "invite", "leave", "ban"), if any. */
  public Optional<String> membership(String roomId, UserId user) {
    return Optional.ofNullable(
            em.find(
                RoomStateEntry.class,
                new RoomStateEntry.Key(roomId, "m.room.member", user.toString())))
        .map(RoomStateEntry::membership);
  }

  public Room room(String roomId) {
    Room room = em.find(Room.class, roomId);
    if (room == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown room or you are not in it");
    }
    return room;
  }

  private static JsonObject member(String membership, String reason) {
    JsonObjectBuilder content = Jsonp.createObjectBuilder().add("membership", membership);
    if (reason != null) {
      content.add("reason", reason);
    }
    return content.build();
  }

  private static String randomLocalpart() {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 18; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
