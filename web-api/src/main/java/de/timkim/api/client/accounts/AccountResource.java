package de.timkim.api.client.accounts;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.AccountService;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountResource {

  @Inject AccountService accounts;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/account/whoami —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3accountwhoami
   */
  @GET
  @Path("v3/account/whoami")
  public JsonObject whoami() {
    var requester = currentUser.get();
    return Jsonp.createObjectBuilder()
        .add("user_id", requester.userId().toString())
        .add("device_id", requester.deviceId())
        .add("is_guest", false)
        .build();
  }

  /**
   * GET /_matrix/client/v3/account/3pid —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3account3pid
   *
   * <p>TI-M accounts are handed out by the organisation (registration token or the portal) and
   * bound to no e-mail address or phone number, so there are none to list; adding one stays
   * unsupported (M_UNRECOGNIZED). Element's settings ask for the list and show an error without it.
   */
  @GET
  @Path("v3/account/3pid")
  public JsonObject thirdPartyIds() {
    currentUser.get();
    return Jsonp.createObjectBuilder().add("threepids", Jsonp.createArrayBuilder()).build();
  }

  /**
   * POST /_matrix/client/v3/account/password —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3accountpassword
   */
  @POST
  @Path("v3/account/password")
  public JsonObject changePassword(String body) {
    JsonBody json = JsonBody.parse(body);
    accounts.changePassword(
        currentUser.get(),
        json.string("new_password"),
        json.bool("logout_devices", true),
        json.optionalObject("auth"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/account/deactivate —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3accountdeactivate
   */
  @POST
  @Path("v3/account/deactivate")
  public JsonObject deactivate(String body) {
    accounts.deactivate(currentUser.get(), JsonBody.parse(body).optionalObject("auth"));
    return Jsonp.createObjectBuilder().add("id_server_unbind_result", "no-support").build();
  }
}
