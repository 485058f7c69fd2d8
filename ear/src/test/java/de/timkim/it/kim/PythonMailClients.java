package de.timkim.it.kim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python unittest module from src/test/python/kim against the deployed server, telling it
 * where the HTTP API and the mail listeners are; the test fails if any Python test fails.
 */
final class PythonMailClients {

  private PythonMailClients() {}

  static int offset() {
    return Integer.getInteger("it.port.offset", 0);
  }

  static void run(String module) throws Exception {
    run(module, java.util.Map.of());
  }

  /** Runs the module with extra environment variables (accounts a Java test prepared). */
  static void run(String module, java.util.Map<String, String> extraEnvironment) throws Exception {
    File dir = new File(System.getProperty("it.python.dir"), "kim");
    ProcessBuilder builder =
        new ProcessBuilder("python3", "-u", "-m", "unittest", "-v", module)
            .directory(dir)
            .redirectErrorStream(true);
    var env = builder.environment();
    env.put("KIM_IT_BASE_URL", Http.BASE);
    env.put("KIM_IT_SMTPS_PORT", String.valueOf(465 + offset()));
    env.put("KIM_IT_SUBMISSION_PORT", String.valueOf(587 + offset()));
    env.put("KIM_IT_POP3S_PORT", String.valueOf(995 + offset()));
    env.put("KIM_IT_CLIENT_MODULE_SMTP_PORT", String.valueOf(10025 + offset()));
    env.put("KIM_IT_CLIENT_MODULE_POP3_PORT", String.valueOf(10110 + offset()));
    env.put("KIM_IT_DATA_DIR", Path.of(System.getProperty("it.server.base"), "data").toString());
    env.put(
        "TIM_ADMIN_PASSWORD",
        Files.readString(
                Path.of(
                    System.getProperty("it.server.base"), "data", "tim", "initial-admin-password"))
            .trim());
    // the REST API serves no admin without a second factor: the operator's TOTP secret
    env.put("TIM_ADMIN_TOTP_SECRET", MatrixAccounts.operatorTotpSecret());
    env.putAll(extraEnvironment);
    Process process = builder.start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    System.out.println(output);
    assertEquals(0, process.exitValue(), output);
  }
}
