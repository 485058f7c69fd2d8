package de.timkim.api.registration;

import de.timkim.api.json.JsonBody;
import de.timkim.api.ops.admin.AdminAuthenticated;
import de.timkim.api.ops.admin.CurrentAdmin;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.TenantScope;
import de.timkim.organisations.registration.OrganisationRegistration;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Registration of an organisation with its order's code and its SMC-B (TI-M: the organisation
 * authenticates with its institution card before it may order messenger services), then its
 * messenger services with their state.
 */
@Path("_tim/v1/registration")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

  @Inject OrganisationRegistration registration;

  @Inject Organisations organisations;

  @Inject CurrentAdmin admin;

  /**
   * POST /_tim/v1/registration/challenges — {@code {"registration_code": "..."}}; answers {@code
   * {"challenge_id", "challenge" (base64), "expires_at"}}. Sign SHA-256 of the decoded challenge
   * with the SMC-B's C.HCI.AUT key (Konnektor AuthSignatureService ExternalAuthenticate).
   */
  @POST
  @Path("challenges")
  public JsonObject challenge(String body) {
    var challenge = registration.openChallenge(JsonBody.parse(body).string("registration_code"));
    return Jsonp.createObjectBuilder()
        .add("challenge_id", challenge.challengeId())
        .add("challenge", challenge.challenge())
        .add("expires_at", challenge.expiresAt())
        .build();
  }

  /**
   * POST /_tim/v1/registration/organisations — {@code {"challenge_id", "certificate" (base64 DER of
   * C.HCI.AUT, from ReadCardCertificate), "ca_certificates"?: [base64 DER], "signature" (base64),
   * "name"?, "admin_username", "admin_password"}}; creates the organisation with the card's
   * Telematik-ID and its first portal admin (TOTP is set up at first sign-in).
   */
  @POST
  @Path("organisations")
  public JsonObject register(String body) {
    JsonBody json = JsonBody.parse(body);
    List<byte[]> cas = new ArrayList<>();
    if (json.has("ca_certificates")) {
      json.stringList("ca_certificates").forEach(c -> cas.add(base64(c, "ca_certificates")));
    }
    var registered =
        registration.register(
            json.string("challenge_id"),
            base64(json.string("certificate"), "certificate"),
            cas,
            base64(json.string("signature"), "signature"),
            json.optionalString("name"),
            json.string("admin_username"),
            json.string("admin_password"));
    return Jsonp.createObjectBuilder()
        .add("organisation_id", registered.organisationId())
        .add("name", registered.name())
        .add("telematik_id", registered.telematikId())
        .add("profession_oid", registered.professionOid())
        .add("admin_username", registered.adminUsername())
        .build();
  }

  /**
   * GET /_tim/v1/registration/messenger_services — the admin's organisation's services with their
   * authentication, activation and provisioning state (HTTP Basic, X-TIM-OTP once enrolled).
   */
  @GET
  @Path("messenger_services")
  @AdminAuthenticated
  public JsonObject services() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    registration.serviceStates(admin.scope()).forEach(s -> list.add(toJson(s)));
    return Jsonp.createObjectBuilder().add("messenger_services", list).build();
  }

  /**
   * POST /_tim/v1/registration/messenger_services — {@code {"sub_domain": "..."}}: a new service
   * {@code <sub_domain>.<tim.matrix.base-domain>}, served at once on every node; answers its state.
   */
  @POST
  @Path("messenger_services")
  @AdminAuthenticated
  public JsonObject createService(String body) {
    TenantScope scope = admin.scope();
    String serverName =
        organisations.createService(scope, JsonBody.parse(body).string("sub_domain")).serverName();
    return registration.serviceStates(scope).stream()
        .filter(s -> s.serverName().equals(serverName))
        .findFirst()
        .map(RegistrationResource::toJson)
        .orElseThrow();
  }

  private static JsonObject toJson(OrganisationRegistration.ServiceState state) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("server_name", state.serverName())
            .add("created_at", state.createdAt())
            .add("authentication", state.authentication())
            .add("activation", state.activation())
            .add("provisioning", state.provisioning());
    if (state.telematikId() != null) {
      json.add("telematik_id", state.telematikId());
    }
    return json.build();
  }

  private static byte[] base64(String value, String field) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, field + " is not base64");
    }
  }
}
