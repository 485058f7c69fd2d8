package de.timkim.api.ops.admin;

import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.ServerNames;
import de.timkim.messenger.retention.RetentionJob;
import de.timkim.messenger.retention.RetentionService;
import de.timkim.organisations.Organisations;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("_tim/v1/admin/retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionAdminResource {

  @Inject AdminCredentials credentials;

  @Inject RetentionService retention;

  @Inject RetentionJob job;

  @Inject ServerNames serverNames;

  @Inject Organisations organisations;

  /** The Host's messenger service, which must be one of the admin's organisation. */
  private String ownService(SignedInAdmin admin, String host) {
    return organisations.requireOwnService(admin, serverNames.forHost(host)).serverName();
  }

  /** GET /_tim/v1/admin/retention — the Host's messenger service's setting in months. */
  @GET
  public JsonObject get(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode,
      @HeaderParam("Host") String host) {
    var admin = credentials.require(authorization, oneTimeCode);
    return Jsonp.createObjectBuilder()
        .add("months", retention.months(ownService(admin, host)))
        .build();
  }

  /**
   * PUT /_tim/v1/admin/retention — {@code {"months": 0|3|6|9|12}}; users get a server notice when
   * it changes. Answers the setting and how many users were told.
   */
  @PUT
  public JsonObject change(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode,
      @HeaderParam("Host") String host,
      String body) {
    var admin = credentials.require(authorization, oneTimeCode);
    Long months = JsonBody.parse(body).optionalLong("months");
    if (months == null || months < 0 || months > 12) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "months must be 0, 3, 6, 9 or 12");
    }
    String serverName = ownService(admin, host);
    int told = retention.changeMonths(serverName, months.intValue());
    return Jsonp.createObjectBuilder()
        .add("months", retention.months(serverName))
        .add("users_notified", told)
        .build();
  }

  /**
   * POST /_tim/v1/admin/retention/run — deletes what is too old now instead of at night. 409 if a
   * run for this service is going on elsewhere in the cluster.
   */
  @POST
  @Path("run")
  public JsonObject run(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-TIM-OTP") String oneTimeCode,
      @HeaderParam("Host") String host) {
    var admin = credentials.require(authorization, oneTimeCode);
    RetentionService.Purged purged =
        job.run(ownService(admin, host))
            .orElseThrow(
                () ->
                    new MatrixException(
                        ErrorCode.M_UNKNOWN,
                        409,
                        "A retention run for this service is in progress",
                        Map.of()));
    return Jsonp.createObjectBuilder()
        .add("deleted_events", purged.events())
        .add("deleted_media", purged.media())
        .build();
  }
}
