package de.timkim.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTPS listener as a client sees it (OpenSSL's s_client): only what BSI TR-02102-2 and
 * gemSpec_Krypt allow (ECDHE with AES-GCM on TLS 1.2, TLS 1.3); the portal's session cookie and
 * HSTS over HTTPS; no AJP listener.
 */
@ExtendWith(ArquillianExtension.class)
class TransportSecurityIT extends DeployedEar {

  private static final int OFFSET = Integer.getInteger("it.port.offset", 0);
  private static final int HTTPS = 8443 + OFFSET;

  @Test
  void httpsRefusesRsaKeyExchangeCbcSuitesAndTls11() throws Exception {
    for (List<String> refused :
        List.of(
            List.of("-tls1_2", "-cipher", "AES256-SHA:@SECLEVEL=0"),
            List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES256-SHA:@SECLEVEL=0"),
            List.of("-tls1_2", "-cipher", "AES256-GCM-SHA384:@SECLEVEL=0"),
            List.of("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"))) {
      String answer = sClient(refused);
      assertFalse(negotiated(answer), refused + " was accepted:\n" + answer);
    }
  }

  @Test
  void httpsAcceptsEcdheAesGcmOnTls12AndTls13() throws Exception {
    String tls12 = sClient(List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384"));
    assertTrue(negotiated(tls12), tls12);
    assertTrue(tls12.contains("ECDHE-RSA-AES256-GCM-SHA384"), tls12);
    String tls13 = sClient(List.of("-tls1_3"));
    assertTrue(negotiated(tls13), tls13);
    assertTrue(tls13.contains("TLSv1.3"), tls13);
  }

  @Test
  void portalSessionCookieIsSecureHttpOnlyStrictAndHttpsAnswersCarryHsts() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(trustAll())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS + "/admin/login.xhtml"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    String lower = cookie.toLowerCase();
    assertTrue(lower.contains("; secure"), cookie);
    assertTrue(lower.contains("; httponly"), cookie);
    assertTrue(lower.contains("samesite=strict"), cookie);
    String hsts = login.headers().firstValue("Strict-Transport-Security").orElse("");
    assertTrue(hsts.startsWith("max-age="), login.headers().toString());

    // the Matrix API over HTTPS too
    HttpResponse<String> versions =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + HTTPS + "/_matrix/client/versions"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, versions.statusCode());
    assertTrue(
        versions
            .headers()
            .firstValue("Strict-Transport-Security")
            .orElse("")
            .startsWith("max-age="),
        versions.headers().toString());
  }

  @Test
  void noAjpListener() {
    assertThrows(
        IOException.class,
        () -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 8009 + OFFSET), 3000);
          }
        });
  }

  private static boolean negotiated(String sClientOutput) {
    return sClientOutput.contains("BEGIN CERTIFICATE")
        && !sClientOutput.contains("Cipher is (NONE)")
        && !sClientOutput.contains("Cipher    : 0000");
  }

  private static String sClient(List<String> options) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + HTTPS,
                "-servername",
                "localhost"));
    command.addAll(options);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write("Q\n".getBytes(StandardCharsets.US_ASCII));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl s_client hangs");
    return output;
  }

  private static SSLContext trustAll() throws Exception {
    // the IT server's certificate is self-signed for "localhost"; the test is about the cookie,
    // not the PKI. An X509ExtendedTrustManager also takes over the host name check.
    TrustManager any =
        new X509ExtendedTrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

          @Override
          public void checkClientTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public void checkServerTrusted(
              X509Certificate[] chain, String authType, SSLEngine engine) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {any}, new SecureRandom());
    return context;
  }
}
