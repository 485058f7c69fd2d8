package de.timkim.api.kim.accountmanager;

import de.timkim.kim.accounts.KimAccountException;
import de.timkim.platform.json.Jsonp;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * Maps refused account operations to gematik's Error object (CommonSchemas.yaml: message, traceId)
 * with the status the account manager yaml gives each case. The traceId is in the server log too.
 */
@Provider
public class AccountManagerErrorMapper implements ExceptionMapper<KimAccountException> {

  private static final Logger LOG = Logger.getLogger(AccountManagerErrorMapper.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public Response toResponse(KimAccountException e) {
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    String traceId = HexFormat.of().formatHex(id);
    int status = status(e.reason());
    LOG.info(() -> "KIM account manager " + status + " " + e.reason() + " traceId " + traceId);
    return error(status, e.getMessage(), traceId);
  }

  static Response error(int status, String message, String traceId) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON + "; charset=utf-8")
        .entity(
            Jsonp.createObjectBuilder()
                .add("message", message)
                .add("traceId", traceId)
                .build()
                .toString())
        .build();
  }

  static int status(KimAccountException.Reason reason) {
    return switch (reason) {
      case INVALID_INPUT, WEAK_PASSWORD -> 400;
      case AUTHENTICATION_FAILED -> 401;
      case NOT_DEREGISTERED -> 403;
      case NO_SUCH_ACCOUNT -> 404;
      case ADDRESS_TAKEN -> 409;
      case UNSUPPORTED_KIM_VERSION -> 422;
      case DIRECTORY_UNAVAILABLE -> 502;
    };
  }
}
