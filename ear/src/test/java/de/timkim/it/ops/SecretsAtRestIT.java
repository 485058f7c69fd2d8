package de.timkim.it.ops;

import static de.timkim.it.ServerDirectories.copyTree;
import static de.timkim.it.ServerDirectories.deleteTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security review, finding 17: the signing seed and the TOTP secrets are stored encrypted under the
 * key file, not in clear, and the server still signs and checks one-time codes with them. Reads the
 * database directly, so PostgreSQL only (H2 is held by the running server).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.db", matches = "postgresql")
class SecretsAtRestIT extends DeployedEar {

  @Test
  void signingSeedAndTotpSecretAreStoredEncryptedWhileKeysAndSignInStillWork() throws Exception {
    JsonObject first = Http.get("/_matrix/key/v2/server").json();
    String totpSecret = MatrixAccounts.operatorTotpSecret();
    // Basic plus the current one-time code: checked against the secret the server decrypts
    assertEquals(200, MatrixAccounts.asAdmin("GET", "/_tim/v1/status", null, null).status());
    JsonObject second = Http.get("/_matrix/key/v2/server").json();
    assertEquals(first.getJsonObject("verify_keys"), second.getJsonObject("verify_keys"));
    String keyId = first.getJsonObject("verify_keys").keySet().iterator().next();
    String publishedKey = first.getJsonObject("verify_keys").getJsonObject(keyId).getString("key");

    try (Connection db =
        DriverManager.getConnection(
            System.getProperty("it.postgresql.url"),
            System.getProperty("it.postgresql.user"),
            "")) {
      List<String> seeds = new ArrayList<>();
      try (ResultSet rs =
          db.createStatement()
              .executeQuery(
                  "SELECT seed, public_key FROM server_signing_key WHERE server_name = 'localhost'")) {
        while (rs.next()) {
          seeds.add(rs.getString(1));
          assertEquals(publishedKey, rs.getString(2), "the served key is the stored one");
        }
      }
      assertEquals(1, seeds.size());
      assertTrue(seeds.get(0).startsWith("v1:"), "seed stored in clear");

      List<String> totpSecrets = new ArrayList<>();
      try (ResultSet rs =
          db.createStatement()
              .executeQuery(
                  "SELECT totp_secret FROM admin_account WHERE totp_secret IS NOT NULL")) {
        while (rs.next()) {
          totpSecrets.add(rs.getString(1));
        }
      }
      assertFalse(totpSecrets.isEmpty(), "the operator enrolled a TOTP secret");
      for (String stored : totpSecrets) {
        assertTrue(stored.startsWith("v1:"), "TOTP secret stored in clear");
        assertFalse(stored.contains(totpSecret));
      }
    }
  }

  // 60 above the first node: ClusterWakeupIT's second node uses 50
  private static final int OFFSET = Integer.getInteger("it.port.offset") + 60;
  private static final Path KEY_FILE =
      Path.of(System.getProperty("it.server.base"), "data", "tim", "secrets.key");

  /**
   * An upgrade: a seed an earlier version stored in clear is encrypted in place when a node starts
   * (and decrypts, with the shared key file, to the same seed); a node given another key file
   * refuses to deploy and names its key file instead of working with keys it cannot read.
   */
  @Test
  void aStartingNodeEncryptsLegacyClearSeedsAndANodeWithAnotherKeyRefusesToDeploy()
      throws Exception {
    String clearSeed = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    try (Connection db = database()) {
      db.createStatement()
          .executeUpdate(
              "INSERT INTO server_signing_key (server_name, key_id, seed, public_key, created_at,"
                  + " retired_at) VALUES ('legacy.test', 'ed25519:a_1', '"
                  + clearSeed
                  + "', 'unused', 0, 1)");
    }

    Path sameKeyBase = Path.of(System.getProperty("it.server.base")).resolveSibling("it-secrets");
    Process sameKey = startNode(sameKeyBase, KEY_FILE);
    try {
      awaitStatus200(sameKeyBase);
    } finally {
      stop(sameKey);
    }
    String stored;
    try (Connection db = database();
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT seed FROM server_signing_key WHERE server_name = 'legacy.test'")) {
      assertTrue(rs.next());
      stored = rs.getString(1);
    }
    assertTrue(stored.startsWith("v1:"), "legacy seed still in clear: " + stored);
    assertEquals(clearSeed, open(stored, KEY_FILE));

    Path otherKeyBase = sameKeyBase.resolveSibling("it-secrets-other-key");
    Path otherKey = otherKeyBase.resolve("other-secrets.key");
    Process wrongKey = startNode(otherKeyBase, otherKey);
    try {
      Path log = otherKeyBase.resolve("console.log");
      long deadline = System.currentTimeMillis() + 240_000;
      String console = "";
      while (System.currentTimeMillis() < deadline
          && !console.contains("another key than the one in " + otherKey)) {
        Thread.sleep(1000);
        console = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
      }
      assertTrue(
          console.contains("another key than the one in " + otherKey),
          "no log line naming the key file; see " + log);
      while (System.currentTimeMillis() < deadline && !console.contains("WFLYSRV002")) {
        Thread.sleep(1000);
        console = Files.readString(log, StandardCharsets.ISO_8859_1);
      }
      String status = "http://127.0.0.1:" + (8080 + OFFSET) + "/_tim/v1/status";
      assertNotEquals(
          200,
          Http.send(HttpRequest.newBuilder(URI.create(status))).status(),
          "a node with another key file must not serve");
    } finally {
      stop(wrongKey);
    }
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection(
        System.getProperty("it.postgresql.url"), System.getProperty("it.postgresql.user"), "");
  }

  /** Decrypted here with the JDK, independent of the server's code. */
  private static String open(String stored, Path keyFile) throws Exception {
    byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).trim());
    byte[] bytes = Base64.getDecoder().decode(stored.substring(3));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new GCMParameterSpec(128, bytes, 0, 12));
    return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
  }

  private static Process startNode(Path base, Path keyFile) throws IOException {
    String home = System.getProperty("it.jboss.home");
    deleteTree(base);
    copyTree(Path.of(home, "standalone", "configuration"), base.resolve("configuration"));
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        Path.of(System.getProperty("it.ear")),
        base.resolve("deployments/tim-kim.ear"),
        StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder builder =
        new ProcessBuilder(
                home + "/bin/standalone.sh",
                "-c",
                System.getProperty("it.server.config"),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Djboss.node.name=" + base.getFileName(),
                "-Djboss.default.multicast.address=" + System.getProperty("it.multicast.address"),
                "-Dtim.secrets.key-file=" + keyFile,
                "-Dtim.db=postgresql",
                "-Dtim.db.url=" + System.getProperty("it.postgresql.url"),
                "-Dtim.db.user=" + System.getProperty("it.postgresql.user"),
                "-Dtim.db.password=unused")
            .redirectErrorStream(true)
            .redirectOutput(base.resolve("console.log").toFile());
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx768m -Djava.net.preferIPv4Stack=true");
    return builder.start();
  }

  private static void awaitStatus200(Path base) throws Exception {
    String url = "http://127.0.0.1:" + (8080 + OFFSET) + "/_tim/v1/status";
    long deadline = System.currentTimeMillis() + 240_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (Http.send(HttpRequest.newBuilder(URI.create(url))).status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("node did not come up; see " + base.resolve("console.log"));
  }

  private static void stop(Process node) throws InterruptedException {
    node.destroy();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      node.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
