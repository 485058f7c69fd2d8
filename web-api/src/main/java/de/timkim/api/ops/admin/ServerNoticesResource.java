package de.timkim.api.ops.admin;

import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.notices.ServerNoticeService;
import de.timkim.organisations.Organisations;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/admin/server_notices")
@Produces(MediaType.APPLICATION_JSON)
public class ServerNoticesResource {

  @Inject AdminCredentials credentials;

  @Inject ServerNoticeService notices;

  @Inject ServerNames serverNames;

  @Inject Organisations organisations;

  /** The Host's messenger service, which must be one of the admin's organisation. */
  private String ownService(SignedInAdmin admin, String host) {
    return organisations.requireOwnService(admin, serverNames.forHost(host)).serverName();
  }

  /**
   * POST /_tim/v1/admin/server_notices — a notice to one user of the server name the Host header
   * addresses ({@code {"user_id": "@a:b", "body": "..."}}), or to all of its users (no user_id).
   * Answers the event ID, or how many users got it.
   */
  @POST
  public JsonObject send(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode,
      @HeaderParam("Host") String host,
      String body) {
    var admin = credentials.require(authorization, oneTimeCode);
    JsonBody json = JsonBody.parse(body);
    String serverName = ownService(admin, host);
    String text = json.string("body");
    String user = json.optionalString("user_id");
    if (user == null) {
      return Jsonp.createObjectBuilder()
          .add("delivered", notices.sendToAll(serverName, text))
          .build();
    }
    UserId target = UserId.parse(user);
    if (!target.serverName().equals(serverName)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Not a user of " + serverName);
    }
    return Jsonp.createObjectBuilder().add("event_id", notices.send(target, text)).build();
  }
}
