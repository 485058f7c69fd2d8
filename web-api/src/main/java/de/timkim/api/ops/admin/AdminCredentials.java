package de.timkim.api.ops.admin;

import de.timkim.admin.accounts.AdminAccountService;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Checks the HTTP Basic credentials of an admin request; the filters call it for every {@link
 * AdminAuthenticated} and {@link OperatorOnly} request.
 */
@RequestScoped
public class AdminCredentials {

  @Inject AdminAccountService admins;

  @Inject HttpServletRequest http;

  /** The admin behind the request's {@code Authorization} and {@code X-TIM-OTP} headers. */
  public SignedInAdmin require(ContainerRequestContext request) {
    return require(request.getHeaderString("Authorization"), request.getHeaderString("X-TIM-OTP"));
  }

  /**
   * The admin behind HTTP Basic credentials and the current one-time code in {@code X-TIM-OTP}
   * (accounts without a second factor are refused until they enrol one in the portal).
   */
  public SignedInAdmin require(String authorization, String oneTimeCode) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw unauthorized();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw unauthorized();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw unauthorized();
    }
    return admins
        .authenticateForApi(
            decoded.substring(0, colon),
            decoded.substring(colon + 1),
            oneTimeCode,
            http.getRemoteAddr())
        .orElseThrow(AdminCredentials::unauthorized);
  }

  private static MatrixException unauthorized() {
    return new MatrixException(
        ErrorCode.M_UNAUTHORIZED, 401, "Admin credentials (HTTP Basic) required", Map.of());
  }
}
