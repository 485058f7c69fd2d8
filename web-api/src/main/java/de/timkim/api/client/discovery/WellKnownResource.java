package de.timkim.api.client.discovery;

import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path(".well-known/matrix")
@Produces(MediaType.APPLICATION_JSON)
public class WellKnownResource {

  @Inject
  @ConfigProperty(name = "tim.public-base-url")
  Optional<String> publicBaseUrl;

  /**
   * GET /.well-known/matrix/client —
   * https://spec.matrix.org/v1.11/client-server-api/#getwell-knownmatrixclient
   */
  @GET
  @Path("client")
  public JsonObject client(@Context UriInfo uri) {
    String base = publicBaseUrl.orElseGet(() -> uri.getBaseUri().toString());
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return Jsonp.createObjectBuilder()
        .add("m.homeserver", Jsonp.createObjectBuilder().add("base_url", base))
        .build();
  }
}
