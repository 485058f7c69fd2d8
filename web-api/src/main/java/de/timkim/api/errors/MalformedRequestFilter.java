package de.timkim.api.errors;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.json.Jsonp;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Requests the JAX-RS runtime refuses before any resource or {@link MatrixErrorMapper} runs: an
 * unparsable {@code Content-Type} or {@code Accept} header, a path whose percent-escapes are not
 * UTF-8 (or are NUL). RESTEasy answered those with an HTML error page (and logged a stack trace);
 * the spec wants its standard error body on every error
 * (https://spec.matrix.org/v1.11/client-server-api/#standard-error-response). The known cases are
 * refused here up front; anything else the servlet layer refuses with a bare status still gets the
 * JSON body.
 */
// asyncSupported: /sync and other long polls suspend the request (JAX-RS AsyncResponse)
@WebFilter(urlPatterns = "/_matrix/*", asyncSupported = true)
public class MalformedRequestFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && !isMediaType(contentType)) {
      refuse(response, 400, ErrorCode.M_NOT_JSON, "Content-Type is not a media type");
      return;
    }
    for (String accept : Collections.list(request.getHeaders("Accept"))) {
      for (String range : accept.split(",")) {
        if (!range.isBlank() && !isMediaType(range.trim())) {
          refuse(response, 400, ErrorCode.M_UNRECOGNIZED, "Accept is not a list of media types");
          return;
        }
      }
    }
    if (!decodesToText(request.getRequestURI()) || !decodesToText(request.getQueryString())) {
      refuse(
          response,
          400,
          ErrorCode.M_INVALID_PARAM,
          "The path or query is not percent-encoded UTF-8 text");
      return;
    }
    chain.doFilter(request, new JsonErrors(response));
  }

  private static boolean isMediaType(String value) {
    try {
      MediaType.valueOf(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether the raw path's or query's %XX escapes (and plain characters) decode as UTF-8 text
   * without NUL: PostgreSQL refuses NUL in any string parameter ("invalid byte sequence for
   * encoding UTF8: 0x00"), which made a room ID of %00 a 500 on PostgreSQL (H2 stores it).
   */
  static boolean decodesToText(String rawPath) {
    if (rawPath == null || rawPath.indexOf('%') < 0) {
      return true;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        if (i + 2 >= rawPath.length()) {
          return false;
        }
        int high = Character.digit(rawPath.charAt(i + 1), 16);
        int low = Character.digit(rawPath.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return false;
        }
        if (high == 0 && low == 0) {
          return false;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static void refuse(HttpServletResponse response, int status, ErrorCode code, String message)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    // the headers CorsFilter adds to every JAX-RS answer: a web client must be able to read this
    // one
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    response.setHeader(
        "Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization");
    response
        .getWriter()
        .write(
            Jsonp.createObjectBuilder()
                .add("errcode", code.name())
                .add("error", message)
                .build()
                .toString());
    response.flushBuffer();
  }

  /**
   * A bare sendError from below (RESTEasy's "failed to parse request") answered as a Matrix error.
   */
  private static final class JsonErrors extends HttpServletResponseWrapper {

    JsonErrors(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (isCommitted()) {
        super.sendError(status, message);
        return;
      }
      ErrorCode code =
          switch (status) {
            case 404, 405 -> ErrorCode.M_UNRECOGNIZED;
            case 415 -> ErrorCode.M_NOT_JSON;
            default -> ErrorCode.M_UNKNOWN;
          };
      refuse(
          (HttpServletResponse) getResponse(),
          status,
          code,
          message == null ? "Request refused (" + status + ")" : message);
    }
  }
}
