package de.timkim.api.client.discovery;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

  /** The spec versions whose Client-Server API this homeserver implements. */
  static final List<String> VERSIONS =
      List.of(
          "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11");

  @Inject
  @ConfigProperty(name = "tim.public-base-url")
  Optional<String> publicBaseUrl;

  /**
   * GET /_matrix/client/versions —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientversions
   */
  @GET
  @Path("_matrix/client/versions")
  public JsonObject versions() {
    JsonArrayBuilder versions = Json.createArrayBuilder();
    VERSIONS.forEach(versions::add);
    return Json.createObjectBuilder()
        .add("versions", versions)
        .add("unstable_features", Json.createObjectBuilder())
        .build();
  }

  /**
   * GET /.well-known/matrix/client —
   * https://spec.matrix.org/v1.11/client-server-api/#getwell-knownmatrixclient
   */
  @GET
  @Path(".well-known/matrix/client")
  public JsonObject wellKnownClient(@Context UriInfo uri) {
    String base = publicBaseUrl.orElseGet(() -> uri.getBaseUri().toString());
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return Json.createObjectBuilder()
        .add("m.homeserver", Json.createObjectBuilder().add("base_url", base))
        .build();
  }
}
