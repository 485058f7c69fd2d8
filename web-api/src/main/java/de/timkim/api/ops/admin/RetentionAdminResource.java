package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.messenger.retention.RetentionService;
import de.timkim.organisations.ServiceScope;
import de.timkim.organisations.notices.OrganisationNotices;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** The Host's service's retention, through the portal's facade (OrganisationNotices). */
@Path("_tim/v1/admin/retention")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class RetentionAdminResource {

  @Inject CurrentAdmin admin;

  @Inject OrganisationNotices notices;

  /** GET /_tim/v1/admin/retention — the Host's messenger service's setting in months. */
  @GET
  public JsonObject get() {
    return Jsonp.createObjectBuilder()
        .add("months", notices.retentionMonths(admin.hostScope()))
        .build();
  }

  /**
   * PUT /_tim/v1/admin/retention — {@code {"months": 0|3|6|9|12}}; users get a server notice when
   * it changes. Answers the setting and how many users were told.
   */
  @PUT
  public JsonObject change(String body) {
    Long months = JsonBody.parse(body).optionalLong("months");
    ServiceScope scope = admin.hostScope();
    // absent or beyond an int: a value the facade refuses like any other it does not allow
    int requested =
        months == null || months != months.intValue() ? Integer.MIN_VALUE : months.intValue();
    int told = notices.changeRetention(scope, requested);
    return Jsonp.createObjectBuilder()
        .add("months", notices.retentionMonths(scope))
        .add("users_notified", told)
        .build();
  }

  /**
   * POST /_tim/v1/admin/retention/run — deletes what is too old now instead of at night. 409 if a
   * run for this service is going on elsewhere in the cluster.
   */
  @POST
  @Path("run")
  public JsonObject run() {
    RetentionService.Purged purged =
        notices
            .runRetention(admin.hostScope())
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
