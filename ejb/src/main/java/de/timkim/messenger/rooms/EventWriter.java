package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.MatrixUser;
import de.timkim.messenger.events.EventHashing;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.Redaction;
import de.timkim.messenger.events.RoomVersion;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.json.CanonicalJson;
import de.timkim.messenger.keys.ServerKeyService;
import de.timkim.messenger.media.MediaReferences;
import de.timkim.messenger.push.EventNotifications;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one write path of every event in a room (Synapse's {@code handlers/message.py} {@code
 * EventCreationHandler} and {@code storage/.../events.py}): builds, authorises, hashes, signs and
 * stores it, updates current state, records push notifications and wakes /sync after commit. Called
 * by the room services with the room locked ({@link RoomLocks}), inside their transaction
 * (REQUIRED).
 */
@Stateless
public class EventWriter {

  /**
   * The spec's limit on a whole event
   * (https://spec.matrix.org/v1.11/client-server-api/#size-limits).
   */
  public static final int MAX_EVENT_BYTES = 65536;

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private ServerKeyService keys;

  @Inject private Clock clock;

  @Inject private WakeAfterCommit wakeAfterCommit;

  @Inject private MediaReferences mediaReferences;

  @Inject private EventNotifications notifications;

  @Inject private Event<MembershipEnded> membershipEnded;

  /** Builds, authorises, hashes, signs and stores one event; updates current state. */
  public StoredEvent write(
      Room room,
      RoomState state,
      String sender,
      String type,
      String stateKey,
      JsonObject content,
      String[] txn) {
    content = withProfile(type, stateKey, content);
    JsonObject unsignedEvent = build(room, state, sender, type, stateKey, content);
    AuthRules.check(unsignedEvent, state);
    JsonObject signed = hashAndSign(room, unsignedEvent);
    String eventId = EventHashing.eventId(signed, room.version());
    return store(room, state, signed, eventId, content, txn);
  }

  /** {@link #write} into a room locked by {@link RoomLocks}. */
  public StoredEvent write(
      RoomLocks.Locked locked,
      String sender,
      String type,
      String stateKey,
      JsonObject content,
      String[] txn) {
    return write(locked.room(), locked.state(), sender, type, stateKey, content, txn);
  }

  private JsonObject build(
      Room room, RoomState state, String sender, String type, String stateKey, JsonObject content) {
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
      if (EventTypes.REDACTION.equals(type)) {
        // v10 keeps "redacts" at the top level; v11 moved it into the content
        pdu.add("redacts", content.getString("redacts"));
        pdu.add("content", Jsonp.createObjectBuilder(content).remove("redacts"));
      }
    }
    if (stateKey != null) {
      pdu.add("state_key", stateKey);
    }
    return pdu.build();
  }

  private JsonObject hashAndSign(Room room, JsonObject unsignedEvent) {
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
    return signed;
  }

  /**
   * Stores the signed event at the next stream position. {@code content} is the content as the
   * caller gave it (a v10 redaction's still holds "redacts").
   */
  private StoredEvent store(
      Room room,
      RoomState state,
      JsonObject signed,
      String eventId,
      JsonObject content,
      String[] txn) {
    String type = signed.getString("type");
    String sender = signed.getString("sender");
    String stateKey = signed.getString("state_key", null);
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
      if (List.of(Membership.LEAVE, Membership.BAN)
          .contains(String.valueOf(membershipOf(type, content)))) {
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
    JsonObject levels = state.content(EventTypes.POWER_LEVELS, "");
    JsonObject notificationLevels =
        levels != null && levels.get("notifications") instanceof JsonObject n
            ? n
            : JsonValue.EMPTY_JSON_OBJECT;
    return new EventNotifications.Room(
        state.joinedDisplayNames(), state.powerLevels().userLevel(sender), notificationLevels);
  }

  private static String membershipOf(String type, JsonObject content) {
    return EventTypes.MEMBER.equals(type) ? content.getString("membership", null) : null;
  }

  /**
   * The auth events the spec selects
   * (https://spec.matrix.org/v1.11/server-server-api/#auth-events-selection).
   */
  private static JsonArrayBuilder authEvents(
      RoomState state, String sender, String type, String stateKey, JsonObject content) {
    List<JsonObject> selected = new ArrayList<>();
    if (!EventTypes.CREATE.equals(type)) {
      addIfPresent(selected, state.get(EventTypes.CREATE, ""));
      addIfPresent(selected, state.get(EventTypes.POWER_LEVELS, ""));
      addIfPresent(selected, state.get(EventTypes.MEMBER, sender));
      if (EventTypes.MEMBER.equals(type)) {
        if (!sender.equals(stateKey)) {
          addIfPresent(selected, state.get(EventTypes.MEMBER, stateKey));
        }
        String membership = content.getString("membership", "");
        if (Membership.JOIN.equals(membership) || Membership.INVITE.equals(membership)) {
          addIfPresent(selected, state.get(EventTypes.JOIN_RULES, ""));
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
    if (!EventTypes.MEMBER.equals(type)
        || content.containsKey("displayname")
        || content.containsKey("avatar_url")) {
      return content;
    }
    String membership = content.getString("membership", "");
    if (!Membership.JOIN.equals(membership) && !Membership.INVITE.equals(membership)) {
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
}
