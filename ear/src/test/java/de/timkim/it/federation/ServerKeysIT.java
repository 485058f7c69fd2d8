package de.timkim.it.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ServerKeysIT extends DeployedEar {

  @Test
  void publishedKeyIsSelfSignedAndStableAcrossRequests() throws Exception {
    JsonObject first = Http.get("/_matrix/key/v2/server").json();
    JsonObject second = Http.get("/_matrix/key/v2/server").json();
    String serverName = first.getString("server_name");
    assertEquals("localhost", serverName);
    assertTrue(first.getJsonNumber("valid_until_ts").longValue() > System.currentTimeMillis());

    var verifyKeys = first.getJsonObject("verify_keys");
    assertEquals(1, verifyKeys.size());
    String keyId = verifyKeys.keySet().iterator().next();
    assertTrue(keyId.startsWith("ed25519:"));
    assertEquals(verifyKeys, second.getJsonObject("verify_keys"));

    byte[] publicKey = Base64.getDecoder().decode(verifyKeys.getJsonObject(keyId).getString("key"));
    String signature = first.getJsonObject("signatures").getJsonObject(serverName).getString(keyId);
    assertTrue(verify(publicKey, canonical(without(first, "signatures")), signature));
  }

  /** Verified with the JDK and a canonical form written here, independent of the server's code. */
  private static boolean verify(byte[] rawPublicKey, String canonical, String signature)
      throws Exception {
    byte[] x509 = new byte[44];
    byte[] header = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    System.arraycopy(header, 0, x509, 0, 12);
    System.arraycopy(rawPublicKey, 0, x509, 12, 32);
    var key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(Base64.getDecoder().decode(signature));
  }

  private static JsonObject without(JsonObject object, String key) {
    return jakarta.json.Json.createObjectBuilder(object).remove(key).build();
  }

  private static String canonical(JsonValue value) {
    switch (value.getValueType()) {
      case OBJECT:
        Map<String, JsonValue> sorted = new TreeMap<>(value.asJsonObject());
        StringBuilder out = new StringBuilder("{");
        sorted.forEach(
            (k, v) -> {
              if (out.length() > 1) {
                out.append(',');
              }
              out.append('"').append(k).append("\":").append(canonical(v));
            });
        return out.append('}').toString();
      case STRING:
        return "\"" + ((JsonString) value).getString() + "\"";
      default:
        return value.toString();
    }
  }
}
