package de.timkim.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class StatusIT extends DeployedEar {

  @Test
  void anonymousCallersLearnOnlyWhetherTheNodeIsHealthy() throws Exception {
    Http.Reply reply = Http.get("/_tim/v1/status");
    assertEquals(200, reply.status(), reply.body());
    var body = reply.json();
    assertTrue(body.getBoolean("healthy"));
    assertTrue(body.getJsonObject("database").getBoolean("reachable"));
    assertTrue(body.getJsonObject("konnektor").getBoolean("reachable"));
    // no tenant's server name, no product or Konnektor version for a stranger (finding 22)
    assertFalse(body.containsKey("server_names"), reply.body());
    assertFalse(body.getJsonObject("database").containsKey("product"), reply.body());
    assertFalse(body.getJsonObject("konnektor").containsKey("description"), reply.body());
    assertFalse(reply.body().contains("tim-b.localhost"), reply.body());
  }

  @Test
  void nodeReportsItsDatabaseAndTheSoftwareKonnektorThroughTheResourceAdapter() throws Exception {
    // the details are the operator's
    Http.Reply reply = MatrixAccounts.asAdmin("GET", "/_tim/v1/status", null, null);
    assertEquals(200, reply.status(), reply.body());
    var body = reply.json();
    assertTrue(body.getBoolean("healthy"));
    String expectedProduct = "postgresql".equals(System.getProperty("it.db")) ? "PostgreSQL" : "H2";
    assertEquals(expectedProduct, body.getJsonObject("database").getString("product"));
    assertTrue(body.getJsonObject("konnektor").getBoolean("reachable"));
    String description = body.getJsonObject("konnektor").getString("description");
    assertTrue(description.startsWith("TIM-KIM Software-Konnektor 0.1"), description);
    assertTrue(description.endsWith("(software)"), description);
    assertTrue(body.getJsonArray("server_names").toString().contains("tim-b.localhost"));
  }
}
