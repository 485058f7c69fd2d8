package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.RoomVersion;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * POST /createRoom (Synapse's {@code handlers/room.py} {@code RoomCreationHandler}): the create
 * event, the creator's join, power levels, the preset's state, the initial state and the invites,
 * in that order, in one transaction.
 */
@Stateless
public class RoomCreation {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String PRIVATE_CHAT = "private_chat";
  private static final String PUBLIC_CHAT = "public_chat";
  private static final String TRUSTED_PRIVATE_CHAT = "trusted_private_chat";

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private RateLimiter rateLimiter;

  @Inject private EventWriter writer;

  /** The room being created: written to without a lock, as nobody else knows its ID yet. */
  private record NewRoom(Room room, RoomState state, String sender) {}

  /**
   * POST /createRoom: the create event, the creator's join, power levels, preset state, invites.
   */
  public String create(Requester creator, CreateRoomRequest request) {
    rateLimiter.spend(RateLimit.ROOMS_CREATED_PER_USER, creator.userId().toString());
    RoomVersion version =
        request.roomVersion() == null ? RoomVersion.DEFAULT : RoomVersion.of(request.roomVersion());
    String preset =
        request.preset() != null
            ? request.preset()
            : "public".equals(request.visibility()) ? PUBLIC_CHAT : PRIVATE_CHAT;
    if (!List.of(PRIVATE_CHAT, PUBLIC_CHAT, TRUSTED_PRIVATE_CHAT).contains(preset)) {
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
    NewRoom created = new NewRoom(room, new RoomState(), creator.userId().toString());
    writeCreateAndPowerLevels(created, request, preset, invitees);
    if (alias != null) {
      write(
          created,
          EventTypes.CANONICAL_ALIAS,
          "",
          Jsonp.createObjectBuilder().add("alias", alias).build());
      em.persist(new RoomAlias(alias, roomId, created.sender()));
    }
    writePresetState(created, preset);
    writeRequestedState(created, request, invitees);
    return roomId;
  }

  private void writeCreateAndPowerLevels(
      NewRoom created, CreateRoomRequest request, String preset, List<UserId> invitees) {
    String sender = created.sender();
    RoomVersion version = created.room().version();
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
    write(created, EventTypes.CREATE, "", createContent.build());
    write(created, EventTypes.MEMBER, sender, RoomMembership.content(Membership.JOIN, null));

    JsonObject levels =
        powerLevels(sender, TRUSTED_PRIVATE_CHAT.equals(preset) ? invitees : List.of());
    if (request.powerLevelContentOverride() != null) {
      JsonObjectBuilder merged = Jsonp.createObjectBuilder(levels);
      request.powerLevelContentOverride().forEach(merged::add);
      levels = merged.build();
      PowerLevels.requireValid(levels, version);
    }
    write(created, EventTypes.POWER_LEVELS, "", levels);
  }

  /** The creator at 100, and in a trusted private chat the invitees too. */
  private static JsonObject powerLevels(String creator, List<UserId> alsoAdmins) {
    JsonObjectBuilder users = Jsonp.createObjectBuilder().add(creator, 100);
    alsoAdmins.forEach(i -> users.add(i.toString(), 100));
    return Jsonp.createObjectBuilder()
        .add("users", users)
        .add("users_default", 0)
        .add(
            "events",
            Jsonp.createObjectBuilder()
                .add(EventTypes.NAME, 50)
                .add(EventTypes.POWER_LEVELS, 100)
                .add(EventTypes.HISTORY_VISIBILITY, 100)
                .add(EventTypes.CANONICAL_ALIAS, 50)
                .add(EventTypes.AVATAR, 50)
                .add(EventTypes.TOMBSTONE, 100)
                .add(EventTypes.SERVER_ACL, 100)
                .add(EventTypes.ENCRYPTION, 100))
        .add("events_default", 0)
        .add("state_default", 50)
        .add("ban", 50)
        .add("kick", 50)
        .add("redact", 50)
        .add("invite", 0)
        .build();
  }

  private void writePresetState(NewRoom created, String preset) {
    String joinRule = PUBLIC_CHAT.equals(preset) ? "public" : "invite";
    write(
        created,
        EventTypes.JOIN_RULES,
        "",
        Jsonp.createObjectBuilder().add("join_rule", joinRule).build());
    // TI-M (gematik A_25481): a new room shows its history to members from their invite on; a
    // history_visibility in initial_state is written after this one and so replaces it
    write(
        created,
        EventTypes.HISTORY_VISIBILITY,
        "",
        Jsonp.createObjectBuilder().add("history_visibility", "invited").build());
    write(
        created,
        EventTypes.GUEST_ACCESS,
        "",
        Jsonp.createObjectBuilder()
            .add("guest_access", PUBLIC_CHAT.equals(preset) ? "forbidden" : "can_join")
            .build());
  }

  /** initial_state, name, topic and the invites, after the preset's state so they win. */
  private void writeRequestedState(
      NewRoom created, CreateRoomRequest request, List<UserId> invitees) {
    for (JsonObject initial : request.initialState()) {
      String type = initial.getString("type", null);
      if (type == null || !(initial.get("content") instanceof JsonObject content)) {
        throw new MatrixException(
            ErrorCode.M_BAD_JSON, "initial_state entries need type and content");
      }
      write(created, type, initial.getString("state_key", ""), content);
    }
    if (request.name() != null) {
      write(
          created,
          EventTypes.NAME,
          "",
          Jsonp.createObjectBuilder().add("name", request.name()).build());
    }
    if (request.topic() != null) {
      write(
          created,
          EventTypes.TOPIC,
          "",
          Jsonp.createObjectBuilder().add("topic", request.topic()).build());
    }
    for (UserId invitee : invitees) {
      JsonObjectBuilder content = Jsonp.createObjectBuilder().add("membership", Membership.INVITE);
      if (request.isDirect()) {
        content.add("is_direct", true);
      }
      write(created, EventTypes.MEMBER, invitee.toString(), content.build());
    }
  }

  private void write(NewRoom created, String type, String stateKey, JsonObject content) {
    writer.write(created.room(), created.state(), created.sender(), type, stateKey, content, null);
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
