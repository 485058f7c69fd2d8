package de.timkim.api.client.sync;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.UserId;
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
import jakarta.ws.rs.core.MediaType;

/** Account data (global and per room), room tags and filters. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountDataResource {

  @Inject AccountDataService accountData;

  @Inject CurrentUser currentUser;

  /**
   * PUT /_matrix/client/v3/user/{userId}/account_data/{type} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3useruseridaccount_datatype
   */
  @PUT
  @Path("v3/user/{userId}/account_data/{type}")
  public JsonObject put(
      @PathParam("userId") String userId, @PathParam("type") String type, String body) {
    accountData.put(
        currentUser.get(), UserId.parse(userId), null, type, JsonBody.parse(body).object());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * GET /_matrix/client/v3/user/{userId}/account_data/{type} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3useruseridaccount_datatype
   */
  @GET
  @Path("v3/user/{userId}/account_data/{type}")
  public JsonObject get(@PathParam("userId") String userId, @PathParam("type") String type) {
    return accountData.get(currentUser.get(), UserId.parse(userId), null, type);
  }

  /**
   * PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3useruseridroomsroomidaccount_datatype
   */
  @PUT
  @Path("v3/user/{userId}/rooms/{roomId}/account_data/{type}")
  public JsonObject putRoom(
      @PathParam("userId") String userId,
      @PathParam("roomId") String roomId,
      @PathParam("type") String type,
      String body) {
    accountData.put(
        currentUser.get(), UserId.parse(userId), roomId, type, JsonBody.parse(body).object());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3useruseridroomsroomidaccount_datatype
   */
  @GET
  @Path("v3/user/{userId}/rooms/{roomId}/account_data/{type}")
  public JsonObject getRoom(
      @PathParam("userId") String userId,
      @PathParam("roomId") String roomId,
      @PathParam("type") String type) {
    return accountData.get(currentUser.get(), UserId.parse(userId), roomId, type);
  }

  /**
   * GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3useruseridroomsroomidtags
   */
  @GET
  @Path("v3/user/{userId}/rooms/{roomId}/tags")
  public JsonObject tags(@PathParam("userId") String userId, @PathParam("roomId") String roomId) {
    return accountData.tags(currentUser.get(), UserId.parse(userId), roomId);
  }

  /**
   * PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3useruseridroomsroomidtagstag
   */
  @PUT
  @Path("v3/user/{userId}/rooms/{roomId}/tags/{tag}")
  public JsonObject tag(
      @PathParam("userId") String userId,
      @PathParam("roomId") String roomId,
      @PathParam("tag") String tag,
      String body) {
    accountData.tag(
        currentUser.get(), UserId.parse(userId), roomId, tag, JsonBody.parse(body).object());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * DELETE /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3useruseridroomsroomidtagstag
   */
  @DELETE
  @Path("v3/user/{userId}/rooms/{roomId}/tags/{tag}")
  public JsonObject untag(
      @PathParam("userId") String userId,
      @PathParam("roomId") String roomId,
      @PathParam("tag") String tag) {
    accountData.untag(currentUser.get(), UserId.parse(userId), roomId, tag);
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/user/{userId}/filter —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3useruseridfilter
   */
  @POST
  @Path("v3/user/{userId}/filter")
  public JsonObject createFilter(@PathParam("userId") String userId, String body) {
    String id =
        accountData.createFilter(
            currentUser.get(), UserId.parse(userId), JsonBody.parse(body).object());
    return Jsonp.createObjectBuilder().add("filter_id", id).build();
  }

  /**
   * GET /_matrix/client/v3/user/{userId}/filter/{filterId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3useruseridfilterfilterid
   */
  @GET
  @Path("v3/user/{userId}/filter/{filterId}")
  public JsonObject filter(
      @PathParam("userId") String userId, @PathParam("filterId") String filterId) {
    UserId owner = UserId.parse(userId);
    if (!owner.equals(currentUser.get().userId())) {
      throw new de.timkim.platform.errors.MatrixException(
          de.timkim.platform.errors.ErrorCode.M_FORBIDDEN, "Not your filter");
    }
    return accountData.filter(owner, filterId);
  }
}
