package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.ServiceSummary;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/admin/messenger_services")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class MessengerServicesResource {

  @Inject CurrentAdmin admin;

  @Inject Organisations organisations;

  /**
   * POST /_tim/v1/admin/messenger_services — creates a messenger service of the admin's
   * organisation; body {@code {"sub_domain": "praxis-mueller"}}. The server name ({@code
   * <sub_domain>.<tim.matrix.base-domain>}) is served at once, on every node.
   */
  @POST
  public JsonObject create(String body) {
    String subDomain = JsonBody.parse(body).string("sub_domain");
    return toJson(organisations.createService(admin.scope(), subDomain));
  }

  /** GET /_tim/v1/admin/messenger_services — the admin's organisation's services. */
  @GET
  public JsonObject list() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    organisations.services(admin.scope()).forEach(s -> list.add(toJson(s)));
    return Jsonp.createObjectBuilder().add("messenger_services", list).build();
  }

  private static JsonObject toJson(ServiceSummary service) {
    return Jsonp.createObjectBuilder()
        .add("server_name", service.serverName())
        .add("organisation_id", service.organisationId())
        .add("created_at", service.createdAt())
        .build();
  }
}
