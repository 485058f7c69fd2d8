package de.timkim.api.ops.testtools;

import de.timkim.api.json.JsonBody;
import de.timkim.api.ops.admin.OperatorOnly;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.time.ClockOffset;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@OperatorOnly
@Path("_tim/v1/test-tools/clock")
@Produces(MediaType.APPLICATION_JSON)
public class TestClockResource {

  @Inject ClockOffset offset;

  /**
   * POST /_tim/v1/test-tools/clock — {@code {"advance_ms": n}} moves this node's clock (back when
   * negative; test installations only; 403 otherwise). Answers the total offset.
   */
  @POST
  public JsonObject advance(String body) {
    Long ms = JsonBody.parse(body).optionalLong("advance_ms");
    if (ms == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'advance_ms'");
    }
    long total = offset.advance(ms);
    return Jsonp.createObjectBuilder().add("offset_ms", total).build();
  }
}
