package de.timkim.api.kim.accounts;

import de.timkim.api.json.JsonBody;
import de.timkim.api.ops.admin.OperatorOnly;
import de.timkim.kim.accounts.IssuedRegistrationCode;
import de.timkim.kim.accounts.RegistrationCodes;
import de.timkim.kim.mail.KimAddress;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

@Path("_tim/v1/admin/kim/registration-codes")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class KimRegistrationCodesAdminResource {

  private static final long MAX_VALID_DAYS = 365;

  @Inject RegistrationCodes registrationCodes;

  /**
   * POST /_tim/v1/admin/kim/registration-codes — issues a one-time registration code for the KIM
   * account manager: {@code {"address"?: "praxis@kim.example", "valid_days"?: 30}} answers {@code
   * {"reference_id", "initial_password", "address"?, "expires_at"}}; the institution registers with
   * referenceID and iniPassword (gematik registerAccount). Shown once; only a hash is kept.
   */
  @POST
  public JsonObject issue(String body) {
    JsonBody json = JsonBody.parse(body == null || body.isBlank() ? "{}" : body);
    String addressText = json.optionalString("address");
    KimAddress address = addressText == null ? null : KimAccountsAdminResource.address(addressText);
    Long validDays = json.optionalLong("valid_days");
    long days = validDays == null ? 30 : validDays;
    if (days < 1 || days > MAX_VALID_DAYS) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "valid_days must be 1 to 365");
    }
    IssuedRegistrationCode code = registrationCodes.issue(address, Duration.ofDays(days));
    var reply =
        Jsonp.createObjectBuilder()
            .add("reference_id", code.referenceId())
            .add("initial_password", code.initialPassword())
            .add("expires_at", code.expiresAt());
    if (code.address() != null) {
      reply.add("address", code.address());
    }
    return reply.build();
  }
}
