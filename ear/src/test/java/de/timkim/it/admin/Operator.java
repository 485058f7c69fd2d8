package de.timkim.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the operator does for the tests over the REST API: set up organisations. */
final class Operator {

  private Operator() {}

  /** An organisation with one messenger service ({@code <subDomain>.localhost}) and its admin. */
  record Organisation(String id, String serverName, String adminUsername, String adminPassword) {}

  static Organisation provision(String prefix) throws IOException, InterruptedException {
    String unique = prefix + Long.toString(System.nanoTime(), 36);
    String password = "pw-" + unique + "-long-enough";
    JsonObject body =
        Json.createObjectBuilder()
            .add("name", "Praxis " + unique)
            .add("sub_domain", unique)
            .add("admin_username", "admin-" + unique)
            .add("admin_password", password)
            .build();
    Http.Reply reply =
        Http.send(
            Http.request("/_tim/v1/operator/organisations")
                .header("Authorization", MatrixAccounts.operatorAuthorization())
                .header("X-TIM-OTP", MatrixAccounts.operatorOneTimeCode())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    assertEquals(200, reply.status(), reply.body());
    JsonObject json = reply.json();
    return new Organisation(
        json.getString("organisation_id"),
        json.getString("server_name"),
        json.getString("admin_username"),
        password);
  }

  static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
