package de.timkim.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.TestClock;
import de.timkim.it.admin.PortalBrowser;
import jakarta.json.Json;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test tools (clock, Konnektor card operations) are switched on in the IT server, yet serve
 * only the operator: the switch alone must not open a signing oracle or a clock to anyone who can
 * reach the port, and {@code ?konnektor=} must not make the server fetch arbitrary URLs.
 */
@ExtendWith(ArquillianExtension.class)
class TestToolsAccessIT extends DeployedEar {

  @Test
  void testToolsRefuseRequestsWithoutOperatorCredentials() throws Exception {
    Http.Reply clock = Http.call("POST", "/_tim/v1/test-tools/clock", null, "{\"advance_ms\":0}");
    assertEquals(401, clock.status(), clock.body());
    Http.Reply cards = Http.call("GET", "/_tim/v1/konnektor/cards", null, null);
    assertEquals(401, cards.status(), cards.body());
    Http.Reply sign =
        Http.send(
            Http.request("/_tim/v1/konnektor/cards/any/sign?crypt=RSA")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
    assertEquals(401, sign.status(), sign.body());
    // the operator's password alone is not enough either
    Http.Reply passwordOnly =
        Http.call(
            "POST",
            "/_tim/v1/test-tools/clock",
            MatrixAccounts.operatorAuthorization(),
            "{\"advance_ms\":0}");
    assertEquals(401, passwordOnly.status(), passwordOnly.body());

    Http.Reply operator = MatrixAccounts.asAdmin("GET", "/_tim/v1/konnektor/cards", null, null);
    assertEquals(200, operator.status(), operator.body());
  }

  @Test
  void anOrganisationsAdminIsNotTheOperator() throws Exception {
    String unique = "tools" + Long.toString(System.nanoTime(), 36);
    String password = "pw-" + unique + "-long-enough";
    Http.Reply provisioned =
        MatrixAccounts.asAdmin(
            "POST",
            "/_tim/v1/operator/organisations",
            Json.createObjectBuilder()
                .add("name", "Praxis " + unique)
                .add("sub_domain", unique)
                .add("admin_username", "admin-" + unique)
                .add("admin_password", password)
                .build()
                .toString(),
            null);
    assertEquals(200, provisioned.status(), provisioned.body());
    String username = provisioned.json().getString("admin_username");
    String secret = new PortalBrowser("en").signIn(username, password, null);
    Http.Reply refused =
        Http.send(
            Http.request("/_tim/v1/test-tools/clock")
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("X-TIM-OTP", PortalBrowser.totp(secret, TestClock.serverMillis()))
                .POST(HttpRequest.BodyPublishers.ofString("{\"advance_ms\":86400000}")));
    assertEquals(403, refused.status(), refused.body());
    assertEquals("Only the operator may do this", refused.json().getString("error"));
  }

  @Test
  void konnektorParameterNamesOnlyTheConfiguredOrAllowedKonnektors() throws Exception {
    for (String elsewhere :
        new String[] {
          "http://169.254.169.254/latest/meta-data/",
          "http://example.org/ws",
          "http://user@127.0.0.1:1/ws",
          "https://10.0.0.1/konnektor"
        }) {
      Http.Reply refused =
          MatrixAccounts.asAdmin(
              "GET", "/_tim/v1/konnektor/cards?konnektor=" + Http.enc(elsewhere), null, null);
      assertEquals(403, refused.status(), elsewhere + ": " + refused.body());
      assertEquals("M_FORBIDDEN", refused.json().getString("errcode"), refused.body());
    }
  }
}
