package de.timkim.api.client.accounts;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.accounts.AccountService;
import de.timkim.messenger.accounts.DeviceSummary;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DevicesResource {

  @Inject AccountService accounts;

  @Inject CurrentUser currentUser;

  /**
   * GET /_matrix/client/v3/devices —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3devices
   */
  @GET
  @Path("v3/devices")
  public JsonObject devices() {
    JsonArrayBuilder list = Jsonp.createArrayBuilder();
    accounts.deviceSummaries(currentUser.get().userId()).forEach(d -> list.add(toJson(d)));
    return Jsonp.createObjectBuilder().add("devices", list).build();
  }

  /**
   * GET /_matrix/client/v3/devices/{deviceId} —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3devicesdeviceid
   */
  @GET
  @Path("v3/devices/{deviceId}")
  public JsonObject device(@PathParam("deviceId") String deviceId) {
    return accounts
        .deviceSummary(currentUser.get().userId(), deviceId)
        .map(DevicesResource::toJson)
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown device"));
  }

  /**
   * PUT /_matrix/client/v3/devices/{deviceId} —
   * https://spec.matrix.org/v1.11/client-server-api/#put_matrixclientv3devicesdeviceid
   */
  @PUT
  @Path("v3/devices/{deviceId}")
  public JsonObject rename(@PathParam("deviceId") String deviceId, String body) {
    accounts.renameDevice(
        currentUser.get(), deviceId, JsonBody.parse(body).optionalString("display_name"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * DELETE /_matrix/client/v3/devices/{deviceId} —
   * https://spec.matrix.org/v1.11/client-server-api/#delete_matrixclientv3devicesdeviceid
   */
  @DELETE
  @Path("v3/devices/{deviceId}")
  public JsonObject delete(@PathParam("deviceId") String deviceId, String body) {
    accounts.deleteDevices(
        currentUser.get(), List.of(deviceId), JsonBody.parse(body).optionalObject("auth"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/delete_devices —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3delete_devices
   */
  @POST
  @Path("v3/delete_devices")
  public JsonObject deleteMany(String body) {
    JsonBody json = JsonBody.parse(body);
    if (!json.has("devices")) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'devices'");
    }
    accounts.deleteDevices(
        currentUser.get(), json.stringList("devices"), json.optionalObject("auth"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  private static JsonObject toJson(DeviceSummary device) {
    JsonObjectBuilder json = Jsonp.createObjectBuilder().add("device_id", device.deviceId());
    if (device.displayName() != null) {
      json.add("display_name", device.displayName());
    }
    if (device.lastSeenTs() != null) {
      json.add("last_seen_ts", device.lastSeenTs());
    }
    if (device.lastSeenIp() != null) {
      json.add("last_seen_ip", device.lastSeenIp());
    }
    return json.build();
  }
}
