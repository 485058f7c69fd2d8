package de.timkim.api.errors;

import de.timkim.admin.AdminException;
import de.timkim.connector.CardLockedException;
import de.timkim.connector.CertificateInvalidException;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorUnavailableException;
import de.timkim.connector.UnknownCardHandleException;
import de.timkim.connector.WrongPinException;
import de.timkim.messenger.json.CanonicalJsonException;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every exception to the spec's error body
 * (https://spec.matrix.org/v1.11/client-server-api/#standard-error-response). Unknown endpoints and
 * methods answer M_UNRECOGNIZED as the spec requires; unexpected failures answer M_UNKNOWN with an
 * incident ID that is also in the server log, never a stack trace.
 */
@Provider
public class MatrixErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(MatrixErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable thrown) {
    Throwable e = unwrap(thrown);
    if (e instanceof MatrixException m) {
      return error(m.httpStatus(), m.errorCode(), m.getMessage(), m.extra());
    }
    if (e instanceof AdminException a) {
      // the administration API (/_tim/v1/admin, /_tim/v1/operator) speaks Matrix errors too
      ErrorCode code = a.error().errorCode();
      return error(code.httpStatus(), code, a.getMessage(), Map.of());
    }
    if (e instanceof KonnektorException k) {
      return konnektorError(k);
    }
    if (e instanceof CanonicalJsonException c) {
      // event content that canonical JSON cannot express: an integer beyond ±(2^53 - 1) or a
      // float (https://spec.matrix.org/v1.11/appendices/#canonical-json)
      return error(400, ErrorCode.M_BAD_JSON, c.getMessage(), Map.of());
    }
    if (e instanceof NotFoundException) {
      return error(404, ErrorCode.M_UNRECOGNIZED, "Unrecognized request", Map.of());
    }
    if (e instanceof NotAllowedException) {
      return error(405, ErrorCode.M_UNRECOGNIZED, "Method not allowed for this endpoint", Map.of());
    }
    if (e instanceof NotSupportedException) {
      return error(415, ErrorCode.M_NOT_JSON, "Content must be application/json", Map.of());
    }
    if (e instanceof JsonParsingException
        || e instanceof JsonException
        || e instanceof ProcessingException) {
      return error(400, ErrorCode.M_NOT_JSON, "Content not JSON.", Map.of());
    }
    if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
      int status = w.getResponse().getStatus();
      return error(status, ErrorCode.M_UNKNOWN, w.getMessage(), Map.of());
    }
    if (isUniqueViolation(e)) {
      // two requests created the same thing at once (an alias, say): both passed the service's
      // existence check and the database's unique key refused the second at commit. The same
      // answer the service gives when it sees the first one: 409, not an incident
      return error(409, ErrorCode.M_UNKNOWN, "Conflicts with a concurrent request", Map.of());
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
    return error(
        500, ErrorCode.M_UNKNOWN, "Internal server error (incident " + incident + ")", Map.of());
  }

  /** A unique-key violation (SQLSTATE 23505, PostgreSQL and H2 alike) anywhere in the causes. */
  static boolean isUniqueViolation(Throwable thrown) {
    int depth = 0;
    for (Throwable t = thrown; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable e = thrown;
    while (e instanceof EJBException && e.getCause() != null) {
      e = e.getCause();
    }
    // a MatrixException thrown while a body is read (the request body limit) reaches here wrapped
    // in the JAX-RS runtime's reader exceptions
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MatrixException) {
        return cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return e;
  }

  /**
   * A Konnektor failure: the Konnektor's error code in {@code konnektor_code}, an errcode naming
   * the kind, and the HTTP status a client can act on (503 for an unreachable Konnektor).
   */
  static Response konnektorError(KonnektorException e) {
    int status;
    String errcode;
    if (e instanceof KonnektorUnavailableException) {
      status = 503;
      errcode = "TIM_KONNEKTOR_UNAVAILABLE";
    } else if (e instanceof UnknownCardHandleException) {
      status = 404;
      errcode = "TIM_KONNEKTOR_UNKNOWN_CARD_HANDLE";
    } else if (e instanceof CardLockedException) {
      status = 423;
      errcode = "TIM_KONNEKTOR_CARD_LOCKED";
    } else if (e instanceof WrongPinException) {
      status = 403;
      errcode = "TIM_KONNEKTOR_WRONG_PIN";
    } else if (e instanceof CertificateInvalidException) {
      status = 422;
      errcode = "TIM_KONNEKTOR_CERTIFICATE_INVALID";
    } else {
      status = 502;
      errcode = "TIM_KONNEKTOR_ERROR";
    }
    JsonObjectBuilder body =
        Jsonp.createObjectBuilder()
            .add("errcode", errcode)
            .add("error", e.getMessage() == null ? errcode : e.getMessage())
            .add("konnektor_code", e.code());
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body.build())
        .build();
  }

  static Response error(int status, ErrorCode code, String message, Map<String, Object> extra) {
    JsonObjectBuilder body =
        Jsonp.createObjectBuilder()
            .add("errcode", code.name())
            .add("error", message == null ? code.name() : message);
    extra.forEach(
        (key, value) -> {
          if (value instanceof jakarta.json.JsonValue json) {
            body.add(key, json);
          } else if (value instanceof Number n) {
            body.add(key, n.longValue());
          } else if (value instanceof Boolean b) {
            body.add(key, b);
          } else {
            body.add(key, String.valueOf(value));
          }
        });
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body.build())
        .build();
  }
}
