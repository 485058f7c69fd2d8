package de.timkim.api.client.rooms;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.rooms.CreateRoomRequest;
import de.timkim.messenger.rooms.Redactions;
import de.timkim.messenger.rooms.RoomCreation;
import de.timkim.messenger.rooms.RoomMembership;
import de.timkim.messenger.rooms.RoomMessages;
import de.timkim.messenger.rooms.StateChanges;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** Writing to rooms: creation, membership, messages and state. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomsResource {

  @Inject RoomCreation creation;

  @Inject RoomMembership membership;

  @Inject RoomMessages messages;

  @Inject Redactions redactions;

  @Inject StateChanges stateChanges;

  @Inject CurrentUser currentUser;

  /**
   * POST /_matrix/client/v3/createRoom —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3createroom
   */
  @POST
  @Path("v3/createRoom")
  public JsonObject createRoom(String body) {
    JsonBody json = JsonBody.parse(body);
    List<JsonObject> initialState = new ArrayList<>();
    if (json.has("initial_state")) {
      if (!(json.object().get("initial_state") instanceof jakarta.json.JsonArray array)) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "'initial_state' must be an array");
      }
      for (JsonValue value : array) {
        if (!(value instanceof JsonObject o)) {
          throw new MatrixException(ErrorCode.M_BAD_JSON, "'initial_state' must hold objects");
        }
        initialState.add(o);
      }
    }
    String roomId =
        creation.create(
            currentUser.get(),
            new CreateRoomRequest(
                json.optionalString("preset"),
                json.optionalString("visibility"),
                json.optionalString("room_version"),
                json.optionalString("name"),
                json.optionalString("topic"),
                json.optionalString("room_alias_name"),
                json.stringList("invite"),
                json.bool("is_direct", false),
                initialState,
                json.optionalObject("creation_content"),
                json.optionalObject("power_level_content_override")));
    return Jsonp.createObjectBuilder().add("room_id", roomId).build();
  }

  /**
   * POST /_matrix/client/v3/join/{roomIdOrAlias} —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3joinroomidoralias
   */
  @POST
  @Path("v3/join/{roomIdOrAlias}")
  public JsonObject joinByIdOrAlias(@PathParam("roomIdOrAlias") String roomIdOrAlias, String body) {
    JsonBody.parse(body);
    return Jsonp.createObjectBuilder()
        .add("room_id", membership.join(currentUser.get(), roomIdOrAlias))
        .build();
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/join —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidjoin
   */
  @POST
  @Path("v3/rooms/{roomId}/join")
  public JsonObject join(@PathParam("roomId") String roomId, String body) {
    JsonBody.parse(body);
    return Jsonp.createObjectBuilder()
        .add("room_id", membership.join(currentUser.get(), roomId))
        .build();
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/invite —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidinvite
   */
  @POST
  @Path("v3/rooms/{roomId}/invite")
  public JsonObject invite(@PathParam("roomId") String roomId, String body) {
    Target target = Target.of(body);
    membership.invite(currentUser.get(), roomId, target.userId(), target.reason());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/leave —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidleave
   */
  @POST
  @Path("v3/rooms/{roomId}/leave")
  public JsonObject leave(@PathParam("roomId") String roomId, String body) {
    membership.leave(currentUser.get(), roomId, JsonBody.parse(body).optionalString("reason"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/forget —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidforget
   */
  @POST
  @Path("v3/rooms/{roomId}/forget")
  public JsonObject forget(@PathParam("roomId") String roomId) {
    membership.forget(currentUser.get(), roomId);
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/kick —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidkick
   */
  @POST
  @Path("v3/rooms/{roomId}/kick")
  public JsonObject kick(@PathParam("roomId") String roomId, String body) {
    Target target = Target.of(body);
    membership.kick(currentUser.get(), roomId, target.userId(), target.reason());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/ban —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidban
   */
  @POST
  @Path("v3/rooms/{roomId}/ban")
  public JsonObject ban(@PathParam("roomId") String roomId, String body) {
    Target target = Target.of(body);
    membership.ban(currentUser.get(), roomId, target.userId(), target.reason());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/unban —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidunban
   */
  @POST
  @Path("v3/rooms/{roomId}/unban")
  public JsonObject unban(@PathParam("roomId") String roomId, String body) {
    Target target = Target.of(body);
    membership.unban(currentUser.get(), roomId, target.userId(), target.reason());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3roomsroomidsendeventtypetxnid
   */
  @PUT
  @Path("v3/rooms/{roomId}/send/{eventType}/{txnId}")
  public JsonObject send(
      @PathParam("roomId") String roomId,
      @PathParam("eventType") String eventType,
      @PathParam("txnId") String txnId,
      String body) {
    String eventId =
        messages.send(currentUser.get(), roomId, eventType, JsonBody.parse(body).object(), txnId);
    return Jsonp.createObjectBuilder().add("event_id", eventId).build();
  }

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3roomsroomidredacteventidtxnid
   */
  @PUT
  @Path("v3/rooms/{roomId}/redact/{eventId}/{txnId}")
  public JsonObject redact(
      @PathParam("roomId") String roomId,
      @PathParam("eventId") String eventId,
      @PathParam("txnId") String txnId,
      String body) {
    String reason =
        body == null || body.isBlank() ? null : JsonBody.parse(body).optionalString("reason");
    String redactionId = redactions.redact(currentUser.get(), roomId, eventId, reason, txnId);
    return Jsonp.createObjectBuilder().add("event_id", redactionId).build();
  }

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3roomsroomidstateeventtypestatekey
   */
  @PUT
  @Path("v3/rooms/{roomId}/state/{eventType}/{stateKey}")
  public JsonObject sendState(
      @PathParam("roomId") String roomId,
      @PathParam("eventType") String eventType,
      @PathParam("stateKey") String stateKey,
      String body) {
    String eventId =
        stateChanges.sendState(
            currentUser.get(), roomId, eventType, stateKey, JsonBody.parse(body).object());
    return Jsonp.createObjectBuilder().add("event_id", eventId).build();
  }

  /** PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType} — the empty state key. */
  @PUT
  @Path("v3/rooms/{roomId}/state/{eventType}")
  public JsonObject sendStateEmptyKey(
      @PathParam("roomId") String roomId, @PathParam("eventType") String eventType, String body) {
    return sendState(roomId, eventType, "", body);
  }

  /** The body of invite, kick, ban and unban: whom, and optionally why. */
  private record Target(UserId userId, String reason) {
    static Target of(String body) {
      JsonBody json = JsonBody.parse(body);
      return new Target(UserId.parse(json.string("user_id")), json.optionalString("reason"));
    }
  }
}
