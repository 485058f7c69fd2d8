package de.timkim.api.client.receipts;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.receipts.ReceiptService;
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
public class ReceiptsResource {

  @Inject ReceiptService receipts;

  @Inject CurrentUser currentUser;

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId} —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidreceiptreceipttypeeventid
   */
  @POST
  @Path("v3/rooms/{roomId}/receipt/{receiptType}/{eventId}")
  public JsonObject sendReceipt(
      @PathParam("roomId") String roomId,
      @PathParam("receiptType") String receiptType,
      @PathParam("eventId") String eventId,
      String body) {
    receipts.sendReceipt(
        currentUser.get(),
        roomId,
        receiptType,
        eventId,
        JsonBody.parse(body).optionalString("thread_id"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/read_markers —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3roomsroomidread_markers
   */
  @POST
  @Path("v3/rooms/{roomId}/read_markers")
  public JsonObject setReadMarkers(@PathParam("roomId") String roomId, String body) {
    JsonBody json = JsonBody.parse(body);
    receipts.setReadMarkers(
        currentUser.get(),
        roomId,
        json.optionalString("m.fully_read"),
        json.optionalString("m.read"),
        json.optionalString("m.read.private"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
