package de.timkim.it.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import java.net.http.HttpRequest;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class DiscoveryIT extends DeployedEar {

  @Test
  void versionsListsTheSpecVersionsSpoken() throws Exception {
    Http.Reply reply = Http.get("/_matrix/client/versions");
    assertEquals(200, reply.status());
    assertTrue(reply.header("Content-Type").startsWith("application/json"));
    var versions =
        reply.json().getJsonArray("versions").getValuesAs(jakarta.json.JsonString::getString);
    assertTrue(versions.contains("v1.11"), versions.toString());
    assertEquals("*", reply.header("Access-Control-Allow-Origin"));
  }

  @Test
  void wellKnownPointsClientsAtThisServer() throws Exception {
    Http.Reply reply = Http.get("/.well-known/matrix/client");
    assertEquals(200, reply.status());
    assertEquals(Http.BASE, reply.json().getJsonObject("m.homeserver").getString("base_url"));
  }

  @Test
  void unknownEndpointAnswersMUnrecognized() throws Exception {
    Http.Reply reply = Http.get("/_matrix/client/v3/no_such_thing");
    assertEquals(404, reply.status());
    assertEquals("M_UNRECOGNIZED", reply.json().getString("errcode"));
    assertTrue(reply.json().containsKey("error"));
  }

  @Test
  void wrongMethodAnswersMUnrecognizedWith405() throws Exception {
    Http.Reply reply = Http.send(Http.request("/_matrix/client/versions").DELETE());
    assertEquals(405, reply.status());
    assertEquals("M_UNRECOGNIZED", reply.json().getString("errcode"));
  }

  @Test
  void corsPreflightIsAnswered() throws Exception {
    Http.Reply reply =
        Http.send(
            Http.request("/_matrix/client/v3/login")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.element.io")
                .header("Access-Control-Request-Method", "POST"));
    assertEquals(200, reply.status());
    assertEquals("*", reply.header("Access-Control-Allow-Origin"));
    assertTrue(reply.header("Access-Control-Allow-Headers").contains("Authorization"));
  }
}
