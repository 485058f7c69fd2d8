package de.timkim.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sign-in filter decides on the path the servlet container serves, not on the raw request line:
 * dot segments and path parameters in the URI must not reach a page without a session. The requests
 * go over a raw socket because java.net.http would normalise the path before sending.
 */
@ExtendWith(ArquillianExtension.class)
class PortalRawPathIT extends DeployedEar {

  @Test
  void dotSegmentsAndPathParametersDoNotBypassTheSignIn() throws Exception {
    for (String path :
        new String[] {
          "/admin/resources/../sessions.xhtml",
          "/admin/resources/%2e%2e/sessions.xhtml",
          "/admin/jakarta.faces.resource/../overview.xhtml",
          "/admin/login.xhtml/../users.xhtml",
          "/admin/./sessions.xhtml",
          "/admin/sessions.xhtml;/login.xhtml",
          "/admin/resources/..;/sessions.xhtml"
        }) {
      String answer = rawGet(path);
      String statusLine = answer.substring(0, answer.indexOf("\r\n"));
      assertFalse(statusLine.contains(" 200 "), path + " answered " + statusLine);
      assertFalse(answer.contains("Signed in as"), path + " served a page");
      if (statusLine.contains(" 302 ")) {
        assertTrue(answer.contains("/admin/login.xhtml"), path + ": " + answer);
      }
    }
  }

  @Test
  void theLoginPageIsStillServedWithoutASession() throws Exception {
    String answer = rawGet("/admin/login.xhtml");
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
  }

  /** GET {@code path} exactly as written, over HTTP/1.1 with Connection: close. */
  static String rawGet(String path) throws IOException {
    URI base = URI.create(Http.BASE);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      assertFalse(text.isEmpty(), "no answer for " + path);
      assertEquals("HTTP/1.1", text.substring(0, 8), text);
      return text;
    }
  }
}
