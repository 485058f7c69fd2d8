package de.timkim.api.client.todevice;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.todevice.ToDeviceService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ToDeviceResource {

  @Inject ToDeviceService toDevice;

  @Inject CurrentUser currentUser;

  /**
   * PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3sendtodeviceeventtypetxnid
   */
  @PUT
  @Path("v3/sendToDevice/{eventType}/{txnId}")
  public JsonObject send(
      @PathParam("eventType") String eventType, @PathParam("txnId") String txnId, String body) {
    if (eventType.length() > 255 || txnId.length() > 255) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Event type and transaction ID are limited to 255 characters");
    }
    JsonObject messages = JsonBody.parse(body).optionalObject("messages");
    if (messages == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'messages'");
    }
    toDevice.send(currentUser.get(), eventType, txnId, messages);
    return JsonValue.EMPTY_JSON_OBJECT;
  }
}
