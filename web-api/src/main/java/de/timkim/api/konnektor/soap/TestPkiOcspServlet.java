package de.timkim.api.konnektor.soap;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * POST /ti-konnektor/ocsp — the OCSP responder of the software Konnektor's test PKI (RFC 6960
 * appendix A.1: {@code application/ocsp-request} in, {@code application/ocsp-response} out), the
 * URL its card certificates name in their AuthorityInformationAccess. A test-PKI component like the
 * SOAP facade: behind {@link SoapFacadeSwitch}, so it exists only with {@code
 * tim.konnektor.test-tools.enabled}.
 */
@WebServlet("/ti-konnektor/ocsp")
public class TestPkiOcspServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** An OCSP request for a handful of certificates is a few hundred bytes. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024;

  @Resource(lookup = "java:/eis/Konnektor")
  transient KonnektorConnectionFactory konnektor;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase().startsWith("application/ocsp-request")) {
      response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_REQUEST_BYTES + 1);
    }
    if (body.length > MAX_REQUEST_BYTES) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    byte[] answer;
    try (KonnektorConnection connection = konnektor.getConnection(KonnektorTarget.software())) {
      answer = connection.testPkiOcspResponse(body);
    } catch (KonnektorException e) {
      response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      return;
    }
    response.setContentType("application/ocsp-response");
    response.setContentLength(answer.length);
    response.getOutputStream().write(answer);
  }
}
