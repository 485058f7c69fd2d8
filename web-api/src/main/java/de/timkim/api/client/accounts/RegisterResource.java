package de.timkim.api.client.accounts;

import de.timkim.api.json.JsonBody;
import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.AccountRegistration;
import de.timkim.messenger.accounts.RegistrationTokens;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

  @Inject AccountRegistration registration;

  @Inject RegistrationTokens registrationTokens;

  @Inject ServerNames serverNames;

  /**
   * POST /_matrix/client/v3/register —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3register. Only the
   * m.login.registration_token flow is offered: accounts come from the organisation's codes.
   */
  @POST
  @Path("v3/register")
  public JsonObject register(
      @HeaderParam("Host") String host,
      @QueryParam("kind") @DefaultValue("user") String kind,
      String body) {
    if (!"user".equals(kind)) {
      throw new MatrixException(ErrorCode.M_GUEST_ACCESS_FORBIDDEN, "Guest access is not allowed");
    }
    JsonBody json = JsonBody.parse(body);
    var result =
        registration.register(
            new AccountRegistration.Registration(
                serverNames.forHost(host),
                json.optionalString("username"),
                json.optionalString("password"),
                json.optionalString("device_id"),
                json.optionalString("initial_device_display_name"),
                json.bool("inhibit_login", false),
                json.bool("refresh_token", false),
                json.optionalObject("auth")));
    return LoginResults.toJson(result, true);
  }

  /**
   * GET /_matrix/client/v3/register/available —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3registeravailable
   */
  @GET
  @Path("v3/register/available")
  public JsonObject available(
      @HeaderParam("Host") String host, @QueryParam("username") String username) {
    if (username == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'username'");
    }
    return Jsonp.createObjectBuilder()
        .add("available", registration.isAvailable(serverNames.forHost(host), username))
        .build();
  }

  /**
   * GET /_matrix/client/v1/register/m.login.registration_token/validity —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv1registermloginregistration_tokenvalidity
   */
  @GET
  @Path("v1/register/m.login.registration_token/validity")
  public JsonObject tokenValidity(
      @HeaderParam("Host") String host, @QueryParam("token") String token) {
    if (token == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'token'");
    }
    return Jsonp.createObjectBuilder()
        .add("valid", registrationTokens.isValid(token, serverNames.forHost(host)))
        .build();
  }
}
