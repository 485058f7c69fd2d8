package de.timkim.api.ops.admin;

import de.timkim.organisations.kim.OrganisationKimAddresses;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_tim/v1/admin/kim_addresses")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class KimAddressesAdminResource {

  @Inject CurrentAdmin admin;

  @Inject OrganisationKimAddresses kimAddresses;

  /** GET /_tim/v1/admin/kim_addresses — the organisation's KIM addresses and their state. */
  @GET
  public JsonObject list() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    for (var address : kimAddresses.addresses(admin.scope())) {
      JsonObjectBuilder json =
          Jsonp.createObjectBuilder()
              .add("address", address.address())
              .add("state", address.state());
      if (address.deregisteredAt() != null) {
        json.add("deregistered_at", address.deregisteredAt());
      }
      list.add(json);
    }
    return Jsonp.createObjectBuilder().add("kim_addresses", list).build();
  }
}
