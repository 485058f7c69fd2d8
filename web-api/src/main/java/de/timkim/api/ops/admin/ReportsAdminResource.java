package de.timkim.api.ops.admin;

import de.timkim.api.json.JsonBody;
import de.timkim.organisations.moderation.ModeratedReport;
import de.timkim.organisations.moderation.ReportModeration;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Reports of the Host's messenger service, through the portal's facade (ReportModeration). */
@Path("_tim/v1/admin/reports")
@Produces(MediaType.APPLICATION_JSON)
@AdminAuthenticated
public class ReportsAdminResource {

  @Inject CurrentAdmin admin;

  @Inject ReportModeration moderation;

  /** GET /_tim/v1/admin/reports — reports by users of the Host's server name, newest first. */
  @GET
  public JsonObject list() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    moderation.reports(admin.hostScope()).forEach(r -> list.add(toJson(r)));
    return Jsonp.createObjectBuilder().add("reports", list).build();
  }

  /**
   * POST /_tim/v1/admin/reports/{id} — records what became of a report: {@code {"status":
   * "DISMISSED"}} (or EVENT_DELETED, USER_DEACTIVATED once those actions were taken).
   */
  @POST
  @Path("{id}")
  public JsonObject handle(@PathParam("id") long id, String body) {
    String status = JsonBody.parse(body).string("status");
    return moderation
        .record(admin.hostScope(), id, status)
        .map(ReportsAdminResource::toJson)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "No such report"));
  }

  private static JsonObject toJson(ModeratedReport report) {
    JsonObjectBuilder json =
        Jsonp.createObjectBuilder()
            .add("id", report.id())
            .add("server_name", report.serverName())
            .add("reporter", report.reporter())
            .add("room_id", report.roomId())
            .add("reported_at", report.reportedAt())
            .add("status", report.status());
    if (report.eventId() != null) {
      json.add("event_id", report.eventId());
    }
    if (report.reason() != null) {
      json.add("reason", report.reason());
    }
    if (report.score() != null) {
      json.add("score", report.score());
    }
    if (report.handledBy() != null) {
      json.add("handled_by", report.handledBy()).add("handled_at", report.handledAt());
    }
    return json.build();
  }
}
