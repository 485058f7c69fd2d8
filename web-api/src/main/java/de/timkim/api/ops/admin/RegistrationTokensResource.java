package de.timkim.api.ops.admin;

import de.timkim.admin.members.ServiceToken;
import de.timkim.admin.members.UserAdministration;
import de.timkim.api.json.JsonBody;
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

@Path("_tim/v1/admin/registration_tokens")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class RegistrationTokensResource {

  @Inject CurrentAdmin admin;

  @Inject UserAdministration users;

  /**
   * POST /_tim/v1/admin/registration_tokens — issues a registration token
   * ("Benutzereinführungscode") for the server name the Host header addresses, which must be one of
   * the admin's organisation. Body (all optional): {@code {"uses_allowed": 1, "expiry_time": <ms
   * since epoch>}}.
   */
  @POST
  public JsonObject issue(String body) {
    JsonBody json = JsonBody.parse(body);
    Long uses = json.has("uses_allowed") ? json.optionalLong("uses_allowed") : 1L;
    ServiceToken token =
        users.issueRegistrationToken(
            admin.hostScope(),
            uses == null ? null : uses.intValue(),
            json.optionalLong("expiry_time"));
    // shown this once: only the token's hash is stored
    return Jsonp.createObjectBuilder(toJson(token)).add("token", token.token()).build();
  }

  /**
   * GET /_tim/v1/admin/registration_tokens — the server name's tokens, open and used, without the
   * tokens themselves (stored hashed; shown once, when issued).
   */
  @GET
  public JsonObject list() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    users.registrationTokens(admin.hostScope()).forEach(t -> list.add(toJson(t)));
    return Jsonp.createObjectBuilder().add("registration_tokens", list).build();
  }

  private static JsonObject toJson(ServiceToken token) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("server_name", token.serverName())
            .add("completed", token.completed());
    if (token.usesAllowed() != null) {
      json.add("uses_allowed", token.usesAllowed());
    } else {
      json.addNull("uses_allowed");
    }
    if (token.expiryTime() != null) {
      json.add("expiry_time", token.expiryTime());
    } else {
      json.addNull("expiry_time");
    }
    return json.build();
  }
}
