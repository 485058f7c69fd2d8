package de.timkim.api.client.reports;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.reports.ReportService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ReportsResource {

  @Inject ReportService reports;

  @Inject CurrentUser currentUser;

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/report/{eventId} —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidreporteventid
   */
  @POST
  @Path("v3/rooms/{roomId}/report/{eventId}")
  public JsonObject reportEvent(
      @PathParam("roomId") String roomId, @PathParam("eventId") String eventId, String body) {
    JsonBody json = JsonBody.parse(body);
    reports.reportEvent(
        currentUser.get(),
        roomId,
        eventId,
        json.optionalString("reason"),
        json.optionalLong("score"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/report —
   * https://spec.matrix.org/v1.13/client-server-api/#post_matrixclientv3roomsroomidreport
   */
  @POST
  @Path("v3/rooms/{roomId}/report")
  public JsonObject reportRoom(@PathParam("roomId") String roomId, String body) {
    reports.reportRoom(currentUser.get(), roomId, JsonBody.parse(body).optionalString("reason"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
