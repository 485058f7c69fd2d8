package de.timkim.it.kim;

import static de.timkim.it.MatrixAccounts.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.TestClock;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * gematik's KIM account manager, called as a KIM tool calls it: plain HTTP with the yaml's JSON,
 * headers and bearer token. The bearer token is a JWT whose signature the test SMC-B makes through
 * the software Konnektor's ExternalAuthenticate, exactly what a client module does with its
 * Konnektor.
 */
@ExtendWith(ArquillianExtension.class)
class KimAccountManagerIT extends DeployedEar {

  @RegisterExtension final TestClock clock = new TestClock();

  private static final String AM = "/AccountMgmt/v2.4";
  private static final Path KONNEKTOR =
      Path.of(System.getProperty("it.server.base"), "data", "tim", "konnektor");
  private static final Path MAIL_STORE =
      Path.of(System.getProperty("it.server.base"), "data", "tim", "kim-mail");

  @TempDir Path work;

  @Test
  void institutionRegistersWithCodeAndSmcbThenReadsChangesItsAccount() throws Exception {
    Smcb smcb = Smcb.issue("Praxis Registrierung");
    String address = "praxis-" + random() + "@praxis-a.kim.test";
    JsonObject code = registrationCode(address);

    Http.Reply registered = register(smcb, code, address, "Erstes-Passwort-1", "1.5+");
    assertEquals(204, registered.status(), registered.body());

    Http.Reply account = call("GET", AM + "/account/" + address, smcb.token(), "Erstes-Passwort-1");
    assertEquals(200, account.status(), account.body());
    JsonObject json = json(account.body());
    assertEquals(address, json.getString("username"));
    assertEquals("registered", json.getString("regStat"));
    assertEquals("1.5+", json.getString("kimVersion"));
    assertEquals(25L * 1024 * 1024, json.getJsonNumber("maxMailSize").longValue());
    assertFalse(json.containsKey("deregDate"));

    Http.Reply changed =
        call(
            "PUT",
            AM + "/account/" + address,
            smcb.token(),
            "Erstes-Passwort-1",
            "{\"password\":\"" + b64("Zweites-Passwort-2") + "\",\"kimVersion\":\"1.5\"}");
    assertEquals(204, changed.status(), changed.body());
    assertEquals(
        401, call("GET", AM + "/account/" + address, smcb.token(), "Erstes-Passwort-1").status());
    Http.Reply after = call("GET", AM + "/account/" + address, smcb.token(), "Zweites-Passwort-2");
    assertEquals(200, after.status(), after.body());
    assertEquals("1.5", json(after.body()).getString("kimVersion"));

    // another institution's SMC-B does not get in, even with the right password
    Smcb other = Smcb.issue("Andere Praxis");
    Http.Reply foreign =
        call("GET", AM + "/account/" + address, other.token(), "Zweites-Passwort-2");
    assertError(401, foreign);

    // the mail password is the account manager's: SMTP/POP3 and /limit take the new one
    Http.Reply limit = limit(address, "Zweites-Passwort-2");
    assertEquals(200, limit.status(), limit.body());

    // gematik's outofoffice is the account's absence note: none, set, bad input refused, cleared
    String outOfOffice = AM + "/account/" + address + "/outofoffice";
    String password = "Zweites-Passwort-2";
    Http.Reply none = call("GET", outOfOffice, smcb.token(), password);
    assertEquals(200, none.status(), none.body());
    assertFalse(json(none.body()).getBoolean("active"));
    Http.Reply set =
        call(
            "PUT",
            outOfOffice,
            smcb.token(),
            password,
            "{\"active\":true,\"message\":\"Praxis geschlossen bis 4. Januar\","
                + "\"startDate\":\"2026-12-20T00:00:00Z\",\"endDate\":\"2027-01-04T00:00:00+01:00\"}");
    assertEquals(204, set.status(), set.body());
    JsonObject note = json(call("GET", outOfOffice, smcb.token(), password).body());
    assertTrue(note.getBoolean("active"));
    assertEquals("Praxis geschlossen bis 4. Januar", note.getString("message"));
    assertEquals("2026-12-20T00:00:00Z", note.getString("startDate"));
    assertEquals("2027-01-03T23:00:00Z", note.getString("endDate"));
    assertError(
        400,
        call(
            "PUT",
            outOfOffice,
            smcb.token(),
            password,
            "{\"active\":true,\"message\":\"x\",\"startDate\":\"gestern\","
                + "\"endDate\":\"2027-01-04T00:00:00Z\"}"));
    assertError(
        400,
        call(
            "PUT",
            outOfOffice,
            smcb.token(),
            password,
            "{\"active\":true,\"message\":\"x\",\"startDate\":\"2027-01-04T00:00:00Z\","
                + "\"endDate\":\"2026-12-20T00:00:00Z\"}"));
    assertError(401, call("GET", outOfOffice, other.token(), password));
    Http.Reply cleared = call("PUT", outOfOffice, smcb.token(), password, "{\"active\":false}");
    assertEquals(204, cleared.status(), cleared.body());
    assertFalse(json(call("GET", outOfOffice, smcb.token(), password).body()).getBoolean("active"));
  }

  @Test
  void refusedRegistrationsAnswerTheSpecsErrorsAndChangeNothing() throws Exception {
    Smcb smcb = Smcb.issue("Praxis Fehlerfaelle");
    String address = "fehler-" + random() + "@praxis-a.kim.test";
    JsonObject code = registrationCode(null);

    // wrong initial password, unknown referenceID
    JsonObject wrongPassword =
        Json.createObjectBuilder(code).add("initial_password", "falsch").build();
    assertError(401, register(smcb, wrongPassword, address, "Passwort-123", "1.5"));
    JsonObject unknown = Json.createObjectBuilder(code).add("reference_id", "KIM-NONE").build();
    assertError(401, register(smcb, unknown, address, "Passwort-123", "1.5"));

    // a token whose signature does not verify
    String broken = smcb.token();
    int dot = broken.lastIndexOf('.');
    char flipped = broken.charAt(dot + 5) == 'A' ? 'B' : 'A';
    broken = broken.substring(0, dot + 5) + flipped + broken.substring(dot + 6);
    assertError(401, registerWith(broken, code, address, "Passwort-123", "1.5"));

    // a certificate of a CA outside the TI PKI (self-signed here), properly signed
    assertError(401, registerWith(foreignToken(), code, address, "Passwort-123", "1.5"));

    // no token at all; a replayed token (its challenge is spent)
    assertError(401, registerWith(null, code, address, "Passwort-123", "1.5"));
    String token = smcb.token();
    assertError(422, registerWith(token, code, address, "Passwort-123", "2.0"));
    assertError(401, registerWith(token, code, address, "Passwort-123", "1.5"));

    // bad input
    assertError(400, register(smcb, code, "kein-kim-adresse", "Passwort-123", "1.5"));
    assertError(400, register(smcb, code, address, "kurz", "1.5"));

    // none of it created the account or spent the code: it registers now
    Http.Reply missing = call("GET", AM + "/account/" + address, smcb.token(), "Passwort-123");
    assertError(404, missing);
    assertEquals(204, register(smcb, code, address, "Passwort-123", "1.5").status());

    // the code is spent now, and the address is taken
    String second = "fehler2-" + random() + "@praxis-a.kim.test";
    assertError(401, register(smcb, code, second, "Passwort-123", "1.5"));
    assertError(404, call("GET", AM + "/account/" + second, smcb.token(), "Passwort-123"));
    assertError(409, register(smcb, registrationCode(null), address, "Passwort-123", "1.5"));
    // a code bound to an address registers only that one
    assertError(401, register(smcb, registrationCode(address), second, "Passwort-123", "1.5"));
  }

  @Test
  void limitAndServiceInformationTellTheRealLimitsAndMailServers() throws Exception {
    Smcb smcb = Smcb.issue("Praxis Limits");
    String address = "limit-" + random() + "@praxis-a.kim.test";
    assertEquals(
        204, register(smcb, registrationCode(address), address, "Passwort-123", "1.5").status());

    Http.Reply limit = limit(address, "Passwort-123");
    assertEquals(200, limit.status(), limit.body());
    JsonObject limits = json(limit.body());
    assertEquals(26_214_400L, limits.getJsonNumber("maxMailSize").longValue());
    assertEquals(50_262_766L, limits.getJsonNumber("maxWireMailSize").longValue());
    assertError(401, limit(address, "falsch-falsch"));
    assertError(401, limit("niemand@praxis-a.kim.test", "Passwort-123"));

    Http.Reply info = Http.get("/ServiceInformation/v1.0/");
    assertEquals(200, info.status(), info.body());
    JsonObject service = json(info.body());
    assertEquals("1.5.3", service.getString("kimServiceVersion"));
    assertEquals(300, service.getInt("jwtExpiration"));
    assertTrue(service.getBoolean("referenceIdRequired"));
    assertTrue(service.getBoolean("initialPasswordRequired"));
    assertTrue("Passwort-123".matches(service.getString("passwordPolicyRegEx")));
    assertFalse("kurz".matches(service.getString("passwordPolicyRegEx")));
    assertEquals(465 + PythonMailClients.offset(), service.getInt("smtpPort"));
    assertEquals(995 + PythonMailClients.offset(), service.getInt("pop3Port"));
  }

  @Test
  // waits for the minute purge job twice (about two minutes): run on the production database only
  @EnabledIfSystemProperty(named = "it.db", matches = "postgresql")
  void deregisteredAccountNeitherSendsNorReceivesKeepsItsMailNinetyDaysThenGoes() throws Exception {
    Smcb smcb = Smcb.issue("Praxis Abmeldung");
    String address = "abmeldung-" + random() + "@praxis-a.kim.test";
    String password = "Passwort-" + random();
    assertEquals(204, register(smcb, registrationCode(address), address, password, "1.5").status());
    String sender = "absender-" + random() + "@klinik-b.kim.test";
    String senderPassword = "Passwort-" + random();
    Http.Reply created =
        asAdmin(
            "POST",
            "/_tim/v1/admin/kim/accounts",
            Json.createObjectBuilder()
                .add("address", sender)
                .add("password", senderPassword)
                .build()
                .toString(),
            null);
    assertEquals(200, created.status(), created.body());
    String marker = "Abmeldung-" + UUID.randomUUID();
    Map<String, String> env =
        Map.of(
            "KIM_IT_DEREGISTERED_ADDRESS", address,
            "KIM_IT_DEREGISTERED_PASSWORD", password,
            "KIM_IT_SENDER_ADDRESS", sender,
            "KIM_IT_SENDER_PASSWORD", senderPassword,
            "KIM_IT_MARKER", marker);
    PythonMailClients.run("deregistration_test.BeforeDeregistrationTest", env);
    assertTrue(blobWith(marker), "the message is in the mail store");

    long before = System.currentTimeMillis();
    Http.Reply deregistered = call("DELETE", AM + "/account/" + address, smcb.token(), password);
    assertEquals(204, deregistered.status(), deregistered.body());
    JsonObject account =
        json(call("GET", AM + "/account/" + address, smcb.token(), password).body());
    assertEquals("deregistered", account.getString("regStat"));
    long deregDate = account.getJsonNumber("deregDate").longValue();
    long expected = (before + Duration.ofDays(90).toMillis()) / 1000;
    assertTrue(Math.abs(deregDate - expected) < 120, deregDate + " vs " + expected);

    PythonMailClients.run("deregistration_test.DeregisteredAccountTest", env);

    clock.advance(Duration.ofDays(89));
    // a run of the purge job (every minute) at +89 days must leave everything
    TimeUnit.SECONDS.sleep(70);
    assertEquals(200, limit(address, password).status(), "the account is still there at 89 days");
    assertTrue(blobWith(marker), "the kept message is still in the mail store at 89 days");

    clock.advance(Duration.ofDays(2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (limit(address, password).status() != 401 && System.nanoTime() < deadline) {
      TimeUnit.SECONDS.sleep(5);
    }
    assertError(401, limit(address, password));
    // the files go right after the purge's commit
    while (blobWith(marker) && System.nanoTime() < deadline) {
      TimeUnit.SECONDS.sleep(1);
    }
    assertFalse(blobWith(marker), "the kept message's blob is deleted at 91 days");
    clock.reset();
    // the account row is gone: the address can be registered anew
    assertEquals(204, register(smcb, registrationCode(address), address, password, "1.5").status());
  }

  // ---- a KIM tool's side: SMC-B tokens through the Konnektor

  /** A test SMC-B of its own Telematik-ID, its C.HCI.AUT chain as x5c. */
  private record Smcb(String cardHandle, List<String> x5c) {

    static Smcb issue(String holder) throws Exception {
      // issuing generates the card's keys: slow on a loaded machine, so more than Http's 30 s
      HttpResponse<String> issued =
          HttpClient.newHttpClient()
              .send(
                  MatrixAccounts.asOperator(Http.request("/_tim/v1/konnektor/test-cards"))
                      .timeout(Duration.ofMinutes(3))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              Json.createObjectBuilder()
                                  .add("type", "SMC-B")
                                  .add("holder_name", holder)
                                  .add("telematik_id", "1-SMC-B-Testkarte-" + random())
                                  .add("profession_oid", "1.2.276.0.76.4.50")
                                  .build()
                                  .toString()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, issued.statusCode(), issued.body());
      JsonObject card = json(issued.body());
      KeyStore p12 = KeyStore.getInstance("PKCS12");
      char[] secret = Files.readString(KONNEKTOR.resolve("keystore-password")).trim().toCharArray();
      Path file =
          KONNEKTOR.resolve("cards").resolve(card.getString("iccsn")).resolve("C.HCI.AUT-RSA.p12");
      try (InputStream in = Files.newInputStream(file)) {
        p12.load(in, secret);
      }
      String alias = p12.aliases().nextElement();
      List<String> x5c = new ArrayList<>();
      for (Certificate certificate : p12.getCertificateChain(alias)) {
        x5c.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      }
      return new Smcb(card.getString("card_handle"), x5c);
    }

    /** A fresh bearer token: challenge from the Fachdienst, signed by the card (PS256). */
    String token() throws Exception {
      String input = signingInput(x5c, "PS256");
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.US_ASCII));
      Http.Reply signed =
          Http.send(
              MatrixAccounts.asOperator(
                      Http.request(
                          "/_tim/v1/konnektor/cards/"
                              + cardHandle
                              + "/external-authenticate?crypt=RSA"))
                  .header("Content-Type", "application/octet-stream")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(digest)));
      assertEquals(200, signed.status(), signed.body());
      byte[] signature = Base64.getDecoder().decode(json(signed.body()).getString("signature"));
      return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
  }

  private static String signingInput(List<String> x5c, String algorithm) throws Exception {
    Http.Reply challenge = Http.call("POST", AM + "/challenge", null, null);
    assertEquals(200, challenge.status(), challenge.body());
    JsonArrayBuilder chain = Json.createArrayBuilder();
    x5c.forEach(chain::add);
    String header =
        Json.createObjectBuilder()
            .add("alg", algorithm)
            .add("typ", "JWT")
            .add("x5c", chain)
            .build()
            .toString();
    long now = System.currentTimeMillis() / 1000;
    String payload =
        Json.createObjectBuilder()
            .add("nonce", json(challenge.body()).getString("challenge"))
            .add("iat", now)
            .add("exp", now + 300)
            .build()
            .toString();
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    return url.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** A correctly signed token whose certificate comes from a CA the TI does not know. */
  private String foreignToken() throws Exception {
    Path key = work.resolve("foreign.key");
    Path certificate = work.resolve("foreign.pem");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString(),
                "-subj",
                "/CN=Fremde Praxis/O=Fremde CA",
                "-days",
                "2")
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, openssl.waitFor(), output);
    Certificate x509;
    try (InputStream in = Files.newInputStream(certificate)) {
      x509 = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    String input =
        signingInput(List.of(Base64.getEncoder().encodeToString(x509.getEncoded())), "PS256");
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    pss.initSign(privateKey);
    pss.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(pss.sign());
  }

  // ---- HTTP as the yaml has it

  private static Http.Reply register(
      Smcb smcb, JsonObject code, String address, String password, String kimVersion)
      throws Exception {
    return registerWith(smcb.token(), code, address, password, kimVersion);
  }

  private static Http.Reply registerWith(
      String token, JsonObject code, String address, String password, String kimVersion)
      throws Exception {
    HttpRequest.Builder request =
        Http.request(AM + "/account")
            .header("Content-Type", "application/json; charset=utf-8")
            .header("iniPassword", b64(code.getString("initial_password")))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.createObjectBuilder()
                        .add("referenceID", code.getString("reference_id"))
                        .add("username", address)
                        .add("password", b64(password))
                        .add("kimVersion", kimVersion)
                        .build()
                        .toString()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return Http.send(request);
  }

  private static Http.Reply call(String method, String path, String token, String password)
      throws Exception {
    return call(method, path, token, password, null);
  }

  private static Http.Reply call(
      String method, String path, String token, String password, String body) throws Exception {
    return Http.send(
        Http.request(path)
            .header("Authorization", "Bearer " + token)
            .header("password", b64(password))
            .header("Content-Type", "application/json; charset=utf-8")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Http.Reply limit(String address, String password) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((address + ":" + password).getBytes(StandardCharsets.UTF_8));
    return Http.send(
        Http.request("/AccountLimit/v1.1/limit").header("Authorization", "Basic " + basic).GET());
  }

  private static JsonObject registrationCode(String address) throws Exception {
    var body = Json.createObjectBuilder();
    if (address != null) {
      body.add("address", address);
    }
    Http.Reply reply =
        asAdmin("POST", "/_tim/v1/admin/kim/registration-codes", body.build().toString(), null);
    assertEquals(200, reply.status(), reply.body());
    return json(reply.body());
  }

  /** gematik's Error object: message and traceId, with the expected status. */
  private static void assertError(int status, Http.Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    JsonObject error = json(reply.body());
    assertFalse(error.getString("message").isBlank(), reply.body());
    assertFalse(error.getString("traceId").isBlank(), reply.body());
  }

  /** Whether a file in the mail store contains {@code marker}. */
  private static boolean blobWith(String marker) throws Exception {
    byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(MAIL_STORE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
            .contains(new String(needle, StandardCharsets.ISO_8859_1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String random() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
