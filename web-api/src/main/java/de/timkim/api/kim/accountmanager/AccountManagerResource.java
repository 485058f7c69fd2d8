package de.timkim.api.kim.accountmanager;

import de.timkim.kim.registration.InstitutionAccounts;
import de.timkim.kim.registration.InstitutionAccounts.AccountView;
import de.timkim.kim.registration.KimServiceInformation;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * gematik I_AccountManager_Service 2.4.0
 * (https://github.com/gematik/api-kim/blob/master/src/openapi/AccountManager.yaml). Every operation
 * is authenticated by a JWT signed with the institution's SMC-B (KIMBearerAuth) whose nonce is a
 * challenge from {@code POST /AccountMgmt/v2.4/challenge}; operations on an existing account also
 * need its password (header {@code password}, base64).
 */
@Path("AccountMgmt/v2.4")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AccountManagerResource {

  private static final String JSON_UTF8 = MediaType.APPLICATION_JSON + "; charset=utf-8";

  @Inject InstitutionAccounts institutionAccounts;

  @Inject KimServiceInformation serviceInformation;

  /**
   * POST /AccountMgmt/v2.4/challenge — a single-use challenge for the bearer token's nonce claim,
   * valid for jwtExpiration seconds. The gematik yaml leaves open how the token is made fresh; this
   * is TIM-KIM's answer (docs/kim.md, account manager).
   */
  @POST
  @Path("challenge")
  public Response challenge() {
    return Response.ok(
            Jsonp.createObjectBuilder()
                .add("challenge", institutionAccounts.challenge())
                .add("expiresIn", serviceInformation.info().jwtExpirationSeconds())
                .build()
                .toString(),
            JSON_UTF8)
        .build();
  }

  /**
   * POST /AccountMgmt/v2.4/account — registerAccount: body Account with referenceID (the
   * registration code), username, password (base64), kimVersion, noVzdMailEntry; header iniPassword
   * (base64). 204, or 400/401/409/422 with nothing changed.
   */
  @POST
  @Path("account")
  public Response registerAccount(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("iniPassword") String initialPassword,
      String body) {
    AccountRequest request = AccountRequest.parse(body);
    institutionAccounts.register(
        AccountRequest.bearer(authorization),
        request.referenceId(),
        AccountRequest.base64(initialPassword, "iniPassword"),
        AccountRequest.address(request.username()),
        request.password(),
        request.kimVersion(),
        Boolean.TRUE.equals(request.noVzdMailEntry()));
    return Response.noContent().build();
  }

  /** GET /AccountMgmt/v2.4/account/{username} — getAccount: the Account. */
  @GET
  @Path("account/{username}")
  public Response getAccount(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("password") String password,
      @PathParam("username") String username) {
    AccountView account =
        institutionAccounts.account(credentials(authorization, username, password));
    return Response.ok(toJson(account).build().toString(), JSON_UTF8).build();
  }

  /**
   * PUT /AccountMgmt/v2.4/account/{username} — setAccount: changes password (the body's password,
   * base64), kimVersion and noVzdMailEntry; referenceID and username cannot change. 204.
   */
  @PUT
  @Path("account/{username}")
  public Response setAccount(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("password") String password,
      @PathParam("username") String username,
      String body) {
    AccountRequest request = AccountRequest.parse(body);
    institutionAccounts.update(
        credentials(authorization, username, password),
        new InstitutionAccounts.Changes(
            request.password(), request.kimVersion(), request.noVzdMailEntry()));
    return Response.noContent().build();
  }

  /**
   * DELETE /AccountMgmt/v2.4/account/{username} — deregisterAccount: no more sending or receiving;
   * mail not yet fetched stays retrievable by POP3 until deregDate (getAccount). 204.
   */
  @DELETE
  @Path("account/{username}")
  public Response deregisterAccount(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("password") String password,
      @PathParam("username") String username) {
    institutionAccounts.deregister(credentials(authorization, username, password));
    return Response.noContent().build();
  }

  /**
   * PUT /AccountMgmt/v2.4/account/{username}/revokeDeregistration — revokeDeregistration before
   * deregDate; 403 if the account is not deregistered. 204.
   */
  @PUT
  @Path("account/{username}/revokeDeregistration")
  public Response revokeDeregistration(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("password") String password,
      @PathParam("username") String username) {
    institutionAccounts.revokeDeregistration(credentials(authorization, username, password));
    return Response.noContent().build();
  }

  /**
   * GET /AccountMgmt/v2.4/account/{username}/outofoffice — getOutOfOffice: the
   * OutOfOfficeNotification (startDate, endDate, message, active); {"active": false} when none is
   * set.
   */
  @GET
  @Path("account/{username}/outofoffice")
  public Response getOutOfOffice(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("password") String password,
      @PathParam("username") String username) {
    JsonObjectBuilder json = Jsonp.createObjectBuilder();
    institutionAccounts
        .outOfOffice(credentials(authorization, username, password))
        .ifPresentOrElse(
            note ->
                json.add("startDate", note.start().toString())
                    .add("endDate", note.end().toString())
                    .add("message", note.text())
                    .add("active", true),
            () -> json.add("active", false));
    return Response.ok(json.build().toString(), JSON_UTF8).build();
  }

  /**
   * PUT /AccountMgmt/v2.4/account/{username}/outofoffice — updateOutOfOffice: an active
   * notification becomes the account's absence note (answered once per sender, RFC 3834), an
   * inactive one clears it. 204.
   */
  @PUT
  @Path("account/{username}/outofoffice")
  public Response updateOutOfOffice(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("password") String password,
      @PathParam("username") String username,
      String body) {
    OutOfOfficeRequest request = OutOfOfficeRequest.parse(body);
    institutionAccounts.updateOutOfOffice(
        credentials(authorization, username, password),
        request.active(),
        request.message(),
        request.start(),
        request.end());
    return Response.noContent().build();
  }

  private JsonObjectBuilder toJson(AccountView account) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("username", account.address())
            .add("regStat", account.registered() ? "registered" : "deregistered")
            .add("maxMailSize", serviceInformation.limits().maxMailSize())
            .add("noVzdMailEntry", account.noVzdMailEntry());
    if (account.kimVersion() != null) {
      json.add("kimVersion", account.kimVersion());
    }
    if (account.deregistrationDateMillis() != null) {
      // gematik deregDate: Unix time in seconds
      json.add("deregDate", account.deregistrationDateMillis() / 1000);
    }
    return json;
  }

  private static InstitutionAccounts.Credentials credentials(
      String authorization, String username, String password) {
    return new InstitutionAccounts.Credentials(
        AccountRequest.bearer(authorization),
        AccountRequest.address(username),
        AccountRequest.base64(password, "password"));
  }
}
