package de.timkim.api.ops;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.api.ops.admin.AdminCredentials;
import de.timkim.platform.json.Jsonp;
import de.timkim.status.ServiceStatus;
import de.timkim.status.StatusService;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("_tim/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

  @Inject StatusService status;

  @Inject AdminCredentials credentials;

  /**
   * GET /_tim/v1/status — 200 when this node can serve (database and Konnektor reachable), 503
   * otherwise; for load balancer health checks. Anonymous callers learn only that (healthy and the
   * two reachable flags); the database product, the Konnektor's description and the server names of
   * all tenants are the operator's (HTTP Basic plus {@code X-TIM-OTP}; security review, finding
   * 22).
   */
  @GET
  public Response status(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode) {
    boolean details = authorization != null;
    if (details && !credentials.require(authorization, oneTimeCode).operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
    ServiceStatus s = status.check();
    JsonObjectBuilder database =
        Jsonp.createObjectBuilder().add("reachable", s.databaseReachable());
    JsonObjectBuilder konnektor =
        Jsonp.createObjectBuilder().add("reachable", s.konnektorReachable());
    var body = Jsonp.createObjectBuilder().add("healthy", s.healthy());
    if (details) {
      database.add("product", s.databaseProduct());
      konnektor.add("description", s.konnektor());
      JsonArrayBuilder names = Jsonp.createArrayBuilder();
      s.serverNames().forEach(names::add);
      body.add("server_names", names);
    }
    body.add("database", database).add("konnektor", konnektor);
    return Response.status(s.healthy() ? 200 : 503).entity(body.build()).build();
  }
}
