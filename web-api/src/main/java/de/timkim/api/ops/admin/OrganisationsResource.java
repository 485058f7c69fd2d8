package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.kim.OrganisationKimAddresses;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/operator/organisations")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class OrganisationsResource {

  @Inject CurrentAdmin operator;

  @Inject Organisations organisations;

  @Inject OrganisationKimAddresses kimAddresses;

  /**
   * POST /_tim/v1/operator/organisations — the operator sets up an organisation with its first
   * messenger service and portal admin. Body: {@code {"name": "...", "sub_domain": "...",
   * "admin_username": "...", "admin_password": "..."}} (password at least 12 characters; the admin
   * enrols a second factor at first sign-in). Operator accounts only.
   */
  @POST
  public JsonObject provision(String body) {
    JsonBody json = JsonBody.parse(body);
    Organisations.Provisioned provisioned =
        organisations.provision(
            operator.get(),
            json.string("name"),
            json.string("sub_domain"),
            json.string("admin_username"),
            json.string("admin_password"));
    return Jsonp.createObjectBuilder()
        .add("organisation_id", provisioned.organisationId())
        .add("name", provisioned.name())
        .add("server_name", provisioned.serverName())
        .add("admin_username", provisioned.adminUsername())
        .build();
  }

  /**
   * POST /_tim/v1/operator/organisations/{id}/kim_addresses — the operator assigns a KIM address to
   * an organisation: {@code {"address": "praxis@praxis-a.kim.test"}}. Operator accounts only.
   */
  @POST
  @Path("{id}/kim_addresses")
  public JsonObject assign(@PathParam("id") String organisationId, String body) {
    String address = JsonBody.parse(body).string("address");
    kimAddresses.assign(operator.get(), organisationId, address);
    return Jsonp.createObjectBuilder().add("address", address).build();
  }
}
