package de.timkim.api.client.keys;

import de.timkim.api.auth.Authenticated;
import de.timkim.api.auth.CurrentUser;
import de.timkim.api.json.JsonBody;
import de.timkim.messenger.devicekeys.CrossSigningService;
import de.timkim.messenger.devicekeys.DeviceKeyQuery;
import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import de.timkim.messenger.devicekeys.OneTimeKeyClaims;
import de.timkim.messenger.stream.StreamToken;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("_matrix/client")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class KeysResource {

  @Inject DeviceKeyService deviceKeys;

  @Inject DeviceKeyQuery deviceKeyQuery;

  @Inject OneTimeKeyClaims oneTimeKeyClaims;

  @Inject CrossSigningService crossSigning;

  @Inject CurrentUser currentUser;

  /**
   * POST /_matrix/client/v3/keys/upload —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysupload
   */
  @POST
  @Path("v3/keys/upload")
  public JsonObject upload(String body) {
    JsonBody json = JsonBody.parse(body);
    Map<String, Long> counts =
        deviceKeys.upload(
            currentUser.get(),
            new DeviceKeyService.Upload(
                json.optionalObject("device_keys"),
                json.optionalObject("one_time_keys"),
                json.optionalObject("fallback_keys")));
    JsonObjectBuilder answer = Jsonp.createObjectBuilder();
    counts.forEach(answer::add);
    return Jsonp.createObjectBuilder().add("one_time_key_counts", answer).build();
  }

  /**
   * POST /_matrix/client/v3/keys/query —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysquery
   */
  @POST
  @Path("v3/keys/query")
  public JsonObject query(String body) {
    JsonObject wanted = JsonBody.parse(body).optionalObject("device_keys");
    if (wanted == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'device_keys'");
    }
    Map<String, List<String>> users = new LinkedHashMap<>();
    wanted.forEach((user, devices) -> users.put(user, strings(devices, "device_keys." + user)));
    return deviceKeyQuery.query(currentUser.get(), users);
  }

  /**
   * POST /_matrix/client/v3/keys/claim —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysclaim
   */
  @POST
  @Path("v3/keys/claim")
  public JsonObject claim(String body) {
    JsonObject wanted = JsonBody.parse(body).optionalObject("one_time_keys");
    if (wanted == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'one_time_keys'");
    }
    List<OneTimeKeyClaims.Claim> claims = new ArrayList<>();
    wanted.forEach(
        (user, devices) -> {
          if (devices.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MatrixException(
                ErrorCode.M_BAD_JSON, "one_time_keys." + user + " must be an object");
          }
          devices
              .asJsonObject()
              .forEach(
                  (device, algorithm) -> {
                    if (algorithm.getValueType() != JsonValue.ValueType.STRING) {
                      throw new MatrixException(
                          ErrorCode.M_BAD_JSON, "The wanted key algorithm must be a string");
                    }
                    claims.add(
                        new OneTimeKeyClaims.Claim(
                            user, device, ((JsonString) algorithm).getString()));
                  });
        });
    return oneTimeKeyClaims.claim(claims);
  }

  /**
   * GET /_matrix/client/v3/keys/changes —
   * https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3keyschanges
   */
  @GET
  @Path("v3/keys/changes")
  public JsonObject changes(@QueryParam("from") String from, @QueryParam("to") String to) {
    if (from == null || to == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "'from' and 'to' are required");
    }
    DeviceLists.Changes changes =
        deviceKeys.changes(currentUser.get(), StreamToken.parse(from), StreamToken.parse(to));
    return Jsonp.createObjectBuilder()
        .add("changed", Jsonp.createArrayBuilder(changes.changed()))
        .add("left", Jsonp.createArrayBuilder(changes.left()))
        .build();
  }

  /**
   * POST /_matrix/client/v3/keys/device_signing/upload —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysdevice_signingupload
   */
  @POST
  @Path("v3/keys/device_signing/upload")
  public JsonObject uploadSigningKeys(String body) {
    JsonBody json = JsonBody.parse(body);
    crossSigning.uploadSigningKeys(
        currentUser.get(),
        json.optionalObject("master_key"),
        json.optionalObject("self_signing_key"),
        json.optionalObject("user_signing_key"),
        json.optionalObject("auth"));
    return JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * POST /_matrix/client/v3/keys/signatures/upload —
   * https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keyssignaturesupload
   */
  @POST
  @Path("v3/keys/signatures/upload")
  public JsonObject uploadSignatures(String body) {
    return crossSigning.uploadSignatures(currentUser.get(), JsonBody.parse(body).object());
  }

  private static List<String> strings(JsonValue value, String where) {
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, where + " must be an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue item : value.asJsonArray()) {
      if (item.getValueType() != JsonValue.ValueType.STRING) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, where + " must hold device IDs");
      }
      out.add(((JsonString) item).getString());
    }
    return out;
  }
}
