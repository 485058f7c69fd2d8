package de.timkim.api.client.discovery;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

  /** The spec versions whose Client-Server API this homeserver implements. */
  static final List<String> VERSIONS =
      List.of(
          "v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11");

  /**
   * GET /_matrix/client/versions —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientversions
   */
  @GET
  @Path("versions")
  public JsonObject versions() {
    JsonArrayBuilder versions = Jsonp.createArrayBuilder();
    VERSIONS.forEach(versions::add);
    return Jsonp.createObjectBuilder()
        .add("versions", versions)
        .add("unstable_features", Jsonp.createObjectBuilder())
        .build();
  }
}
