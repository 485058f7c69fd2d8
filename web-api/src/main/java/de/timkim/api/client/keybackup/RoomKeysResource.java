package de.timkim.api.client.keybackup;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.keybackup.BackedUpKey;
import de.timkim.messenger.keybackup.KeyBackupService;
import de.timkim.messenger.keybackup.KeyBackupVersions;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RoomKeysResource {

  @Inject KeyBackupService backup;

  @Inject KeyBackupVersions versions;

  @Inject CurrentUser currentUser;

  /**
   * POST /_matrix/client/v3/room_keys/version —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3room_keysversion
   */
  @POST
  @Path("v3/room_keys/version")
  public JsonObject createVersion(String body) {
    JsonBody json = JsonBody.parse(body);
    String version =
        versions.createVersion(currentUser.get(), json.string("algorithm"), authData(json));
    return Jsonp.createObjectBuilder().add("version", version).build();
  }

  /**
   * GET /_matrix/client/v3/room_keys/version —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3room_keysversion
   */
  @GET
  @Path("v3/room_keys/version")
  public JsonObject currentVersion() {
    return versions.version(currentUser.get(), null).toJson();
  }

  /**
   * GET /_matrix/client/v3/room_keys/version/{version} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3room_keysversionversion
   */
  @GET
  @Path("v3/room_keys/version/{version}")
  public JsonObject version(@PathParam("version") String version) {
    return versions.version(currentUser.get(), version).toJson();
  }

  /**
   * PUT /_matrix/client/v3/room_keys/version/{version} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3room_keysversionversion
   */
  @PUT
  @Path("v3/room_keys/version/{version}")
  public JsonObject updateVersion(@PathParam("version") String version, String body) {
    JsonBody json = JsonBody.parse(body);
    versions.updateVersion(
        currentUser.get(),
        version,
        json.optionalString("version"),
        json.string("algorithm"),
        authData(json));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * DELETE /_matrix/client/v3/room_keys/version/{version} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3room_keysversionversion
   */
  @DELETE
  @Path("v3/room_keys/version/{version}")
  public JsonObject deleteVersion(@PathParam("version") String version) {
    versions.deleteVersion(currentUser.get(), version);
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * PUT /_matrix/client/v3/room_keys/keys —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3room_keyskeys
   */
  @PUT
  @Path("v3/room_keys/keys")
  public JsonObject putKeys(@QueryParam("version") String version, String body) {
    return backup
        .putKeys(currentUser.get(), version, KeyBackupService.rooms(JsonBody.parse(body).object()))
        .toJson();
  }

  /**
   * PUT /_matrix/client/v3/room_keys/keys/{roomId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3room_keyskeysroomid
   */
  @PUT
  @Path("v3/room_keys/keys/{roomId}")
  public JsonObject putRoomKeys(
      @QueryParam("version") String version, @PathParam("roomId") String roomId, String body) {
    return backup
        .putKeys(
            currentUser.get(),
            version,
            Map.of(roomId, KeyBackupService.sessions(JsonBody.parse(body).object())))
        .toJson();
  }

  /**
   * PUT /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3room_keyskeysroomidsessionid
   */
  @PUT
  @Path("v3/room_keys/keys/{roomId}/{sessionId}")
  public JsonObject putSessionKey(
      @QueryParam("version") String version,
      @PathParam("roomId") String roomId,
      @PathParam("sessionId") String sessionId,
      String body) {
    BackedUpKey key = BackedUpKey.fromJson(JsonBody.parse(body).object());
    return backup
        .putKeys(currentUser.get(), version, Map.of(roomId, Map.of(sessionId, key)))
        .toJson();
  }

  /**
   * GET /_matrix/client/v3/room_keys/keys —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3room_keyskeys
   */
  @GET
  @Path("v3/room_keys/keys")
  public JsonObject keys(@QueryParam("version") String version) {
    return KeyBackupService.toJson(backup.keys(currentUser.get(), version, null, null));
  }

  /**
   * GET /_matrix/client/v3/room_keys/keys/{roomId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3room_keyskeysroomid
   */
  @GET
  @Path("v3/room_keys/keys/{roomId}")
  public JsonObject roomKeys(
      @QueryParam("version") String version, @PathParam("roomId") String roomId) {
    var keys = backup.keys(currentUser.get(), version, roomId, null);
    JsonObject rooms = KeyBackupService.toJson(keys).getJsonObject("rooms");
    return rooms.containsKey(roomId)
        ? rooms.getJsonObject(roomId)
        : Jsonp.createObjectBuilder().add("sessions", JsonValue.EMPTY_JSON_OBJECT).build();
  }

  /**
   * GET /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3room_keyskeysroomidsessionid
   */
  @GET
  @Path("v3/room_keys/keys/{roomId}/{sessionId}")
  public JsonObject sessionKey(
      @QueryParam("version") String version,
      @PathParam("roomId") String roomId,
      @PathParam("sessionId") String sessionId) {
    BackedUpKey key =
        backup
            .keys(currentUser.get(), version, roomId, sessionId)
            .getOrDefault(roomId, Map.of())
            .get(sessionId);
    if (key == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "No key for this session in the backup");
    }
    return key.toJson();
  }

  /**
   * DELETE /_matrix/client/v3/room_keys/keys —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3room_keyskeys
   */
  @DELETE
  @Path("v3/room_keys/keys")
  public JsonObject deleteKeys(@QueryParam("version") String version) {
    return backup.deleteKeys(currentUser.get(), version, null, null).toJson();
  }

  /**
   * DELETE /_matrix/client/v3/room_keys/keys/{roomId} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3room_keyskeysroomid
   */
  @DELETE
  @Path("v3/room_keys/keys/{roomId}")
  public JsonObject deleteRoomKeys(
      @QueryParam("version") String version, @PathParam("roomId") String roomId) {
    return backup.deleteKeys(currentUser.get(), version, roomId, null).toJson();
  }

  /**
   * DELETE /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3room_keyskeysroomidsessionid
   */
  @DELETE
  @Path("v3/room_keys/keys/{roomId}/{sessionId}")
  public JsonObject deleteSessionKey(
      @QueryParam("version") String version,
      @PathParam("roomId") String roomId,
      @PathParam("sessionId") String sessionId) {
    return backup.deleteKeys(currentUser.get(), version, roomId, sessionId).toJson();
  }

  private static JsonObject authData(JsonBody json) {
    JsonObject authData = json.optionalObject("auth_data");
    if (authData == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'auth_data'");
    }
    return authData;
  }
}
