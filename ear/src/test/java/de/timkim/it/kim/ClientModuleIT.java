package de.timkim.it.kim;

import de.timkim.it.DeployedEar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Practice A to hospital B through the client modules with S/MIME through the software Konnektor's
 * test cards: smtplib and poplib as practice software, OpenSSL to check the stored message
 * (clientmodule_test.py holds the individual cases, parallel_test.py the ten 25 MiB messages at
 * once).
 */
@ExtendWith(ArquillianExtension.class)
class ClientModuleIT extends DeployedEar {

  private static final List<String> POOLS = List.of("G1_Eden_Space", "G1_Old_Gen");

  @Test
  void practiceSoftwareSendsAndReceivesKimMailThroughTheClientModule() throws Exception {
    PythonMailClients.run("clientmodule_test");
  }

  /**
   * The issue asks for the heap use of ten 25 MiB messages in parallel: the server's peak per heap
   * region during the run is printed and written to target/kim-parallel-heap-{db}.txt. Run on the
   * production database only; the messages never touch the database's dialect.
   */
  @Test
  @EnabledIfSystemProperty(named = "it.db", matches = "postgresql")
  void tenMessagesOf25MibInParallelPassAndTheHeapPeakIsReported() throws Exception {
    for (String pool : POOLS) {
      cli("/core-service=platform-mbean/type=memory-pool/name=" + pool + ":reset-peak-usage");
    }
    PythonMailClients.run("parallel_test");
    StringBuilder report = new StringBuilder("Ten 25 MiB messages in parallel, server heap peaks:");
    for (String pool : POOLS) {
      String answer =
          cli(
              "/core-service=platform-mbean/type=memory-pool/name="
                  + pool
                  + ":read-attribute(name=peak-usage)");
      report.append(' ').append(pool).append(' ').append(mib(answer, "used")).append(" MiB");
    }
    String heap =
        cli("/core-service=platform-mbean/type=memory:read-attribute(name=heap-memory-usage)");
    report.append("; heap max ").append(mib(heap, "max")).append(" MiB");
    System.out.println(report);
    Files.writeString(
        Path.of(System.getProperty("it.server.base"))
            .resolveSibling("kim-parallel-heap-" + System.getProperty("it.db", "h2") + ".txt"),
        report + "\n");
  }

  private static long mib(String cliAnswer, String field) {
    Matcher m = Pattern.compile("\"" + field + "\" => (\\d+)L").matcher(cliAnswer);
    return m.find() ? Long.parseLong(m.group(1)) / (1024 * 1024) : -1;
  }

  private static String cli(String command) throws Exception {
    Process process =
        new ProcessBuilder(
                System.getProperty("it.jboss.home") + "/bin/jboss-cli.sh",
                "--connect",
                "--controller=127.0.0.1:" + System.getProperty("it.management.port"),
                "--command=" + command)
            .redirectErrorStream(true)
            .start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    process.waitFor(2, TimeUnit.MINUTES);
    if (process.exitValue() != 0 || !output.contains("\"outcome\" => \"success\"")) {
      throw new AssertionError(command + " failed: " + output);
    }
    return output;
  }
}
