package de.timkim.it.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One deployment, two messenger services (server names localhost and tim-b.localhost, configured in
 * arquillian.xml): the Host header picks the server name, and each has its own users, keys and
 * registration tokens.
 */
@ExtendWith(ArquillianExtension.class)
class ServerNamesIT extends DeployedEar {

  private static final String B = "tim-b.localhost";

  @Test
  void eachServerNameHasItsOwnSigningKey() throws Exception {
    JsonObject a = get("/_matrix/key/v2/server", "localhost").json();
    JsonObject b = get("/_matrix/key/v2/server", B).json();
    assertEquals("localhost", a.getString("server_name"));
    assertEquals(B, b.getString("server_name"));
    assertNotEquals(a.getJsonObject("verify_keys"), b.getJsonObject("verify_keys"));
  }

  @Test
  void usersRegisterOnTheServerNameTheyAddressWithThatServiceToken() throws Exception {
    String tokenB = issueToken(B);
    JsonObject registered = register("carol", tokenB, B);
    assertTrue(registered.getString("user_id").endsWith(":" + B), registered.toString());
  }

  @Test
  void aTokenOfOneServiceIsNoTokenForAnother() throws Exception {
    String tokenA = issueToken("localhost");
    Http.Reply validity =
        get("/_matrix/client/v1/register/m.login.registration_token/validity?token=" + tokenA, B);
    assertEquals(false, validity.json().getBoolean("valid"));
    Http.Reply refused = MatrixAccounts.registerReply("dave", tokenA, B);
    assertEquals(401, refused.status(), refused.body());
    assertEquals("M_UNAUTHORIZED", refused.json().getString("errcode"));
    // still unused, so its own service accepts it
    assertTrue(register("dave", tokenA, "localhost").getString("user_id").endsWith(":localhost"));
  }

  private static JsonObject register(String prefix, String token, String host) throws Exception {
    Http.Reply reply = MatrixAccounts.registerReply(prefix, token, host);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static String issueToken(String host) throws Exception {
    JsonObject issued = MatrixAccounts.registrationToken(host);
    assertEquals(host, issued.getString("server_name"));
    return issued.getString("token");
  }

  private static Http.Reply get(String path, String host) throws Exception {
    return Http.send(Http.request(path).header("Host", host).GET());
  }
}
