package de.timkim.api.client.presence;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.presence.PresenceService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Presence. */
@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PresenceResource {

  @Inject PresenceService presence;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/presence/{userId}/status —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3presenceuseridstatus
   */
  @GET
  @Path("v3/presence/{userId}/status")
  public JsonObject status(@PathParam("userId") String userId) {
    return presence.status(currentUser.get(), UserId.parse(userId)).toJson();
  }

  /**
   * PUT /_matrix/client/v3/presence/{userId}/status —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3presenceuseridstatus
   */
  @PUT
  @Path("v3/presence/{userId}/status")
  public JsonObject setStatus(@PathParam("userId") String userId, String body) {
    JsonBody json = JsonBody.parse(body);
    presence.setStatus(
        currentUser.get(),
        UserId.parse(userId),
        json.string("presence"),
        json.optionalString("status_msg"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
