package de.timkim.api.kim.accountmanager;

import de.timkim.kim.registration.KimServiceInformation;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * gematik I_AccountLimit_Service 1.1.2
 * (https://github.com/gematik/api-kim/blob/master/src/openapi/AccountLimit.yaml).
 */
@Path("AccountLimit/v1.1")
@Produces(MediaType.APPLICATION_JSON)
public class AccountLimitResource {

  @Inject KimServiceInformation serviceInformation;

  /**
   * GET /AccountLimit/v1.1/limit — getLimits with HTTP Basic (KIM address and password): the net
   * message size (maxMailSize, 25 MiB: TIM-KIM has no KAS, so less than the yaml's 700 MiB minimum)
   * and, beyond the schema, the wire size the Fachdienst accepts (maxWireMailSize). No quota and no
   * KAS threshold: those fields are absent.
   */
  @GET
  @Path("limit")
  public String limits(@HeaderParam("Authorization") String authorization) {
    String[] credentials = basic(authorization);
    KimServiceInformation.Limits limits =
        serviceInformation.limitsFor(credentials[0], credentials[1]);
    return Jsonp.createObjectBuilder()
        .add("maxMailSize", limits.maxMailSize())
        .add("maxWireMailSize", limits.maxWireMailSize())
        .build()
        .toString();
  }

  /** User and password of "Authorization: Basic ..." (RFC 7617), or two nulls. */
  private static String[] basic(String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0) {
          return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        }
      } catch (IllegalArgumentException e) {
        // not base64: no credentials
      }
    }
    return new String[] {null, null};
  }
}
