package de.timkim.api.client.push;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.messenger.ErrorCode;
import de.timkim.messenger.MatrixException;
import de.timkim.messenger.push.PushRuleService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PushRulesResource {

  @Inject PushRuleService pushRules;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/pushrules/ —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrules
   */
  @GET
  @Path("v3/pushrules/")
  public JsonObject all() {
    return pushRules.rules(currentUser.get().userId());
  }

  /**
   * GET /_matrix/client/v3/pushrules/{scope}/ —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3pushrulesglobal
   */
  @GET
  @Path("v3/pushrules/{scope}/")
  public JsonObject scope(@PathParam("scope") String scope) {
    if (!"global".equals(scope)) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown push rule scope " + scope);
    }
    return pushRules.rules(currentUser.get().userId()).getJsonObject("global");
  }
}
