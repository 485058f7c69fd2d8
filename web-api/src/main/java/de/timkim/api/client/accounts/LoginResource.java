package de.timkim.api.client.accounts;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.ClientAddresses;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.AccountService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

  @Inject AccountService accounts;

  @Inject ServerNames serverNames;

  @Inject CurrentUser currentUser;

  @Inject ClientAddresses clientAddresses;

  /**
   * GET /_matrix/client/v3/login —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3login
   */
  @GET
  @Path("v3/login")
  public JsonObject flows() {
    return Jsonp.createObjectBuilder()
        .add(
            "flows",
            Jsonp.createArrayBuilder()
                .add(Jsonp.createObjectBuilder().add("type", "m.login.password")))
        .build();
  }

  /**
   * POST /_matrix/client/v3/login —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3login
   */
  @POST
  @Path("v3/login")
  public JsonObject login(
      @HeaderParam("Host") String host,
      @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest http,
      String body) {
    JsonBody json = JsonBody.parse(body);
    String type = json.string("type");
    if (!"m.login.password".equals(type)) {
      // the spec's 400 "the login type may not be recognised" (M_UNKNOWN defaults to 500)
      throw new MatrixException(ErrorCode.M_UNKNOWN, 400, "Unknown login type " + type, Map.of());
    }
    String user = user(json);
    var result =
        accounts.login(
            serverNames.forHost(host),
            user,
            json.string("password"),
            json.optionalString("device_id"),
            json.optionalString("initial_device_display_name"),
            json.bool("refresh_token", false),
            clientAddresses.of(http));
    JsonObject base = LoginResults.toJson(result, true);
    return Jsonp.createObjectBuilder(base).add("home_server", result.userId().serverName()).build();
  }

  private static String user(JsonBody json) {
    JsonObject identifier = json.optionalObject("identifier");
    if (identifier != null) {
      if (!"m.id.user".equals(identifier.getString("type", null))
          || identifier.get("user") == null
          || identifier.get("user").getValueType() != JsonValue.ValueType.STRING) {
        throw new MatrixException(
            ErrorCode.M_UNKNOWN, 400, "Only m.id.user identifiers are supported", Map.of());
      }
      return identifier.getString("user");
    }
    return json.string("user");
  }

  /**
   * POST /_matrix/client/v3/refresh —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3refresh
   */
  @POST
  @Path("v3/refresh")
  public JsonObject refresh(String body) {
    return LoginResults.toJson(
        accounts.refresh(JsonBody.parse(body).string("refresh_token")), false);
  }

  /**
   * POST /_matrix/client/v3/logout —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3logout
   */
  @POST
  @Path("v3/logout")
  @Authenticated
  public JsonObject logout() {
    accounts.logout(currentUser.get());
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/logout/all —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3logoutall
   */
  @POST
  @Path("v3/logout/all")
  @Authenticated
  public JsonObject logoutAll() {
    accounts.logoutAll(currentUser.get());
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
