package de.timkim.api.federation.keys;

import de.timkim.messenger.ServerNames;
import de.timkim.messenger.keys.ServerKeyService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/key/v2/server")
@Produces(MediaType.APPLICATION_JSON)
public class ServerKeysResource {

  @Inject ServerKeyService keys;

  @Inject ServerNames serverNames;

  /**
   * GET /_matrix/key/v2/server —
   * https://spec.matrix.org/v1.11/server-server-api/#get_matrixkeyv2server. The server name is the
   * one the Host header addresses.
   */
  @GET
  public JsonObject serverKeys(@HeaderParam("Host") String host) {
    return keys.publishedKeys(serverNames.forHost(host));
  }
}
