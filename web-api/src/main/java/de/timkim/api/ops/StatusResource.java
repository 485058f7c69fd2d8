package de.timkim.api.ops;

import de.timkim.platform.json.Jsonp;
import de.timkim.platform.status.ServiceStatus;
import de.timkim.platform.status.StatusService;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("_tim/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

  @Inject StatusService status;

  /**
   * GET /_tim/v1/status — 200 when this node can serve (database and Konnektor reachable), 503
   * otherwise; for load balancer health checks.
   */
  @GET
  public Response status() {
    ServiceStatus s = status.check();
    JsonArrayBuilder names = Jsonp.createArrayBuilder();
    s.serverNames().forEach(names::add);
    var body =
        Jsonp.createObjectBuilder()
            .add("healthy", s.healthy())
            .add(
                "database",
                Jsonp.createObjectBuilder()
                    .add("reachable", s.databaseReachable())
                    .add("product", s.databaseProduct()))
            .add(
                "konnektor",
                Jsonp.createObjectBuilder()
                    .add("reachable", s.konnektorReachable())
                    .add("description", s.konnektor()))
            .add("server_names", names)
            .build();
    return Response.status(s.healthy() ? 200 : 503).entity(body).build();
  }
}
