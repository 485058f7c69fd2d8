package de.timkim.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class StatusIT extends DeployedEar {

  @Test
  void nodeReportsItsDatabaseAndTheSoftwareKonnektorThroughTheResourceAdapter() throws Exception {
    Http.Reply reply = Http.get("/_tim/v1/status");
    assertEquals(200, reply.status(), reply.body());
    var body = reply.json();
    assertTrue(body.getBoolean("healthy"));
    String expectedProduct = "postgresql".equals(System.getProperty("it.db")) ? "PostgreSQL" : "H2";
    assertEquals(expectedProduct, body.getJsonObject("database").getString("product"));
    assertTrue(body.getJsonObject("konnektor").getBoolean("reachable"));
    String description = body.getJsonObject("konnektor").getString("description");
    assertTrue(description.startsWith("TIM-KIM Software-Konnektor 0.1"), description);
    assertTrue(description.endsWith("(software)"), description);
  }
}
