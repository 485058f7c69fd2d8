package de.timkim.api.client.typing;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.typing.TypingService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Typing notifications. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TypingResource {

  @Inject TypingService typing;

  @Inject CurrentUser currentUser;

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3roomsroomidtypinguserid
   */
  @PUT
  @Path("v3/rooms/{roomId}/typing/{userId}")
  public JsonObject setTyping(
      @PathParam("roomId") String roomId, @PathParam("userId") String userId, String body) {
    JsonBody json = JsonBody.parse(body);
    if (!json.has("typing")) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "'typing' is required");
    }
    typing.setTyping(
        currentUser.get(),
        UserId.parse(userId),
        roomId,
        json.bool("typing", false),
        json.optionalLong("timeout"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
