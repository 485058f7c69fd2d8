package de.timkim.it.konnektor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls the Konnektor test tools of the deployed server (/_tim/v1/konnektor) and OpenSSL, and finds
 * the software Konnektor's files in the server's data directory.
 */
final class KonnektorTools {

  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The software Konnektor's data directory of the IT server. */
  static final Path DATA =
      Path.of(System.getProperty("it.server.base"), "data", "tim", "konnektor");

  /** The facade's base URL: the adapter's SOAP backend pointed at the software Konnektor. */
  static final String FACADE = Http.BASE + "/ti-konnektor";

  private KonnektorTools() {}

  record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonObject json() {
      return Json.createReader(new StringReader(text())).readObject();
    }
  }

  static Reply post(String path, byte[] body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(Http.BASE + path))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  static Reply postJson(String path, String json) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(Http.BASE + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  static Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(Http.BASE + path)).GET());
  }

  private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    // the test tools serve only the operator (security review, finding 25)
    request
        .header("Authorization", MatrixAccounts.operatorAuthorization())
        .header("X-TIM-OTP", MatrixAccounts.operatorOneTimeCode());
    HttpResponse<byte[]> response =
        CLIENT.send(
            request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.body());
  }

  /** "&konnektor=<url>" for the SOAP path, "" for the configured (software) backend. */
  static String via(String konnektorUrl) {
    return konnektorUrl == null ? "" : "&konnektor=" + Http.enc(konnektorUrl);
  }

  /**
   * One of the two cards the software Konnektor creates on first start ("SMC-B" or "HBA"), found by
   * holder name: other tests issue more cards of the same type and block some of them.
   */
  static JsonObject card(String type) throws IOException, InterruptedException {
    String holder = type.equals("SMC-B") ? "TIM-KIM Testkrankenhaus" : "Dr. Erika Mustermann";
    Reply reply = get("/_tim/v1/konnektor/cards");
    assertEquals(200, reply.status(), reply.text());
    return reply.json().getJsonArray("cards").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("type").equals(type) && c.getString("holder_name").equals(holder))
        .findFirst()
        .orElseThrow();
  }

  static JsonObject issueCard(
      String type, String holder, String telematikId, String oid, String certificates)
      throws IOException, InterruptedException {
    Reply reply =
        postJson(
            "/_tim/v1/konnektor/test-cards",
            Json.createObjectBuilder()
                .add("type", type)
                .add("holder_name", holder)
                .add("telematik_id", telematikId)
                .add("profession_oid", oid)
                .add("certificates", certificates)
                .build()
                .toString());
    assertEquals(200, reply.status(), reply.text());
    return reply.json();
  }

  /**
   * Key and certificate of one card key as PEM files, extracted by OpenSSL from the card's .p12.
   */
  static Path[] keyAndCertificate(JsonObject card, String p12Name, Path work) throws Exception {
    Path p12 = DATA.resolve("cards").resolve(card.getString("iccsn")).resolve(p12Name);
    Path password = DATA.resolve("keystore-password");
    Path key = work.resolve(p12Name + ".key.pem");
    Path certificate = work.resolve(p12Name + ".cert.pem");
    openssl(
        "pkcs12",
        "-in",
        p12.toString(),
        "-passin",
        "file:" + password,
        "-nodes",
        "-nocerts",
        "-out",
        key.toString());
    openssl(
        "pkcs12",
        "-in",
        p12.toString(),
        "-passin",
        "file:" + password,
        "-clcerts",
        "-nokeys",
        "-out",
        certificate.toString());
    return new Path[] {key, certificate};
  }

  /** Runs openssl; fails the test with its output when it exits non-zero. */
  static String openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("openssl did not finish: " + command);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "openssl failed (" + process.exitValue() + "): " + command + "\n" + output);
    }
    return output;
  }

  static Path write(Path file, byte[] content) throws IOException {
    return Files.write(file, content);
  }
}
