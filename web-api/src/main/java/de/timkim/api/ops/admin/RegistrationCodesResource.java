package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.registration.OrderCode;
import de.timkim.organisations.registration.OrganisationRegistration;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/operator/registration_codes")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class RegistrationCodesResource {

  @Inject CurrentAdmin operator;

  @Inject OrganisationRegistration registration;

  /**
   * POST /_tim/v1/operator/registration_codes — the operator issues the code that goes out with an
   * order: {@code {"order_reference"?: "...", "valid_hours"?: 1..720 (default 720)}}.
   */
  @POST
  public JsonObject issue(String body) {
    JsonBody json = JsonBody.parse(body);
    Long hours = json.optionalLong("valid_hours");
    return toJson(
        registration.issueCode(
            operator.get(),
            json.optionalString("order_reference"),
            hours == null ? 720 : (int) Math.max(Integer.MIN_VALUE, Math.min(hours, 100_000))));
  }

  /** GET /_tim/v1/operator/registration_codes — the codes issued, newest first. */
  @GET
  public JsonObject list() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    registration.codes(operator.get()).forEach(c -> list.add(toJson(c)));
    return Jsonp.createObjectBuilder().add("registration_codes", list).build();
  }

  private static JsonObject toJson(OrderCode code) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("code", code.code())
            .add("created_at", code.createdAt())
            .add("expires_at", code.expiresAt());
    if (code.orderReference() != null) {
      json.add("order_reference", code.orderReference());
    }
    if (code.usedAt() != null) {
      json.add("used_at", code.usedAt()).add("organisation_id", code.organisationId());
    }
    return json.build();
  }
}
