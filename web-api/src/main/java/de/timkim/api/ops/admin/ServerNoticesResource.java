package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.ServiceScope;
import de.timkim.organisations.notices.OrganisationNotices;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Server notices to the Host's service's users, through the portal's facade. */
@Path("_tim/v1/admin/server_notices")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class ServerNoticesResource {

  @Inject CurrentAdmin admin;

  @Inject OrganisationNotices notices;

  /**
   * POST /_tim/v1/admin/server_notices — a notice to one user of the server name the Host header
   * addresses ({@code {"user_id": "@a:b", "body": "..."}}), or to all of its users (no user_id).
   * Answers the event ID, or how many users got it.
   */
  @POST
  public JsonObject send(String body) {
    JsonBody json = JsonBody.parse(body);
    ServiceScope scope = admin.hostScope();
    String text = json.string("body");
    String user = json.optionalString("user_id");
    requireText(text);
    if (user == null) {
      return Jsonp.createObjectBuilder().add("delivered", notices.sendToAll(scope, text)).build();
    }
    return Jsonp.createObjectBuilder().add("event_id", notices.sendTo(scope, user, text)).build();
  }

  /** The wire's own rule: a notice without text is a malformed request, not a refused one. */
  private static void requireText(String text) {
    if (text.isBlank()) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "A notice needs a text");
    }
  }
}
