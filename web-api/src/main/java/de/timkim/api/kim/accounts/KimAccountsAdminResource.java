package de.timkim.api.kim.accounts;

import de.timkim.api.json.JsonBody;
import de.timkim.api.ops.admin.OperatorOnly;
import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.KimAddress;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

@Path("_tim/v1/admin/kim/accounts")
@Produces(MediaType.APPLICATION_JSON)
/** KIM accounts are not yet bound to organisations, so only the operator manages them. */
@OperatorOnly
public class KimAccountsAdminResource {

  @Inject KimAccountService accounts;

  /**
   * POST /_tim/v1/admin/kim/accounts — creates an active KIM account. Body: {@code {"address":
   * "praxis@kim.example", "password": "...", "card_handle": "...", "mandant_id": "..."}} (password
   * policy: KimAccountService). With a card handle, the card's encryption certificate, read through
   * the Konnektor in the Mandant's context, becomes the address's directory entry.
   */
  @POST
  public JsonObject create(String body) {
    JsonBody json = JsonBody.parse(body);
    KimAddress address = address(json.string("address"));
    KimAccount account;
    try {
      account =
          accounts.create(
              address,
              json.string("password"),
              json.optionalString("mandant_id"),
              json.optionalString("card_handle"));
    } catch (KimAccountException e) {
      throw matrixError(e);
    }
    return toJson(account);
  }

  /**
   * PUT /_tim/v1/admin/kim/accounts/{address}/state — {@code {"state": "ACTIVE" | "LOCKED" |
   * "DEREGISTERED"}}.
   */
  @PUT
  @Path("{address}/state")
  public JsonObject changeState(@PathParam("address") String addressText, String body) {
    KimAddress address = address(addressText);
    AccountState state;
    try {
      state = AccountState.valueOf(JsonBody.parse(body).string("state").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "state must be ACTIVE, LOCKED or DEREGISTERED");
    }
    try {
      return toJson(accounts.changeState(address, state));
    } catch (KimAccountException e) {
      throw matrixError(e);
    }
  }

  /**
   * The account rules live in KimAccountService; this API reports their refusals as Matrix errors.
   */
  static MatrixException matrixError(KimAccountException e) {
    ErrorCode code =
        switch (e.reason()) {
          case WEAK_PASSWORD -> ErrorCode.M_WEAK_PASSWORD;
          case ADDRESS_TAKEN -> ErrorCode.M_USER_IN_USE;
          case NO_SUCH_ACCOUNT -> ErrorCode.M_NOT_FOUND;
          case AUTHENTICATION_FAILED -> ErrorCode.M_FORBIDDEN;
          default -> ErrorCode.M_INVALID_PARAM;
        };
    return new MatrixException(code, e.getMessage());
  }

  static KimAddress address(String text) {
    try {
      return KimAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Not a valid KIM address");
    }
  }

  private static JsonObject toJson(KimAccount account) {
    return Jsonp.createObjectBuilder()
        .add("address", account.address().toString())
        .add("state", account.state().name())
        .build();
  }
}
