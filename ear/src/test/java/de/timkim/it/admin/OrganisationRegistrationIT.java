package de.timkim.it.admin;

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
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An organisation registers with the code of its order and its SMC-B: the software Konnektor issues
 * a test SMC-B, ReadCardCertificate gives its C.HCI.AUT, ExternalAuthenticate signs the challenge.
 * Then the organisation creates a messenger service and a Matrix client registers on it at once.
 * Bad codes, bad signatures and spent challenges are refused with clear messages.
 */
@ExtendWith(ArquillianExtension.class)
class OrganisationRegistrationIT extends DeployedEar {

  @RegisterExtension final TestClock clock = new TestClock();

  private static final Path KONNEKTOR =
      Path.of(System.getProperty("it.server.base"), "data", "tim", "konnektor");

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

  /** A test SMC-B: its handle, its C.HCI.AUT (base64 DER) and the CA certificates above it. */
  private record Card(String handle, String certificate, List<String> caCertificates) {}

  @Test
  void anOrganisationRegistersWithItsCodeAndSmcbAndItsNewServiceIsLiveAtOnce() throws Exception {
    String telematikId = "5-SMB-" + Long.toString(System.nanoTime(), 36);
    Card card = smcb("Praxis Registrierung", telematikId, "1.2.276.0.76.4.50");
    String code = issueCode("order-4711");

    // a bad signature is refused, and the challenge is spent by the attempt
    JsonObject challenge = challenge(code);
    byte[] wrongDigest = sha256("something else".getBytes(StandardCharsets.UTF_8));
    Http.Reply forged =
        register(challenge, card, sign(card, wrongDigest), "admin-" + telematikId.toLowerCase());
    assertEquals(403, forged.status(), forged.body());
    assertEquals(
        "The signature does not match the challenge and the certificate",
        forged.json().getString("error"));
    Http.Reply spent =
        register(challenge, card, signChallenge(card, challenge), "admin-x" + suffix());
    assertEquals(403, spent.status(), spent.body());
    assertTrue(spent.json().getString("error").contains("challenge"), spent.body());

    // the code itself is still good: a new challenge, properly signed
    JsonObject fresh = challenge(code);
    String adminUsername = "reg-" + suffix();
    Http.Reply registered = register(fresh, card, signChallenge(card, fresh), adminUsername);
    assertEquals(200, registered.status(), registered.body());
    assertEquals(telematikId, registered.json().getString("telematik_id"));
    assertEquals("1.2.276.0.76.4.50", registered.json().getString("profession_oid"));
    assertEquals("Praxis Registrierung", registered.json().getString("name"));

    // the code is used up
    Http.Reply reused =
        Http.call(
            "POST",
            "/_tim/v1/registration/challenges",
            null,
            "{\"registration_code\":\"" + code + "\"}");
    assertEquals(403, reused.status(), reused.body());
    assertEquals(
        "The registration code is unknown, expired or already used",
        reused.json().getString("error"));
    Http.Reply codes =
        MatrixAccounts.asAdmin("GET", "/_tim/v1/operator/registration_codes", null, null);
    assertTrue(codes.body().contains(registered.json().getString("organisation_id")), codes.body());

    // the same card cannot register a second organisation
    JsonObject again = challenge(issueCode("order-4712"));
    Http.Reply twice = register(again, card, signChallenge(card, again), "reg2-" + suffix());
    assertEquals(400, twice.status(), twice.body());
    assertEquals(
        "An organisation with this Telematik-ID is already registered",
        twice.json().getString("error"));

    // messenger services: invalid, reserved and taken sub-domains are refused with a reason
    // the registered admin enrols a second factor in the portal before using the REST API
    String basic = Operator.basic(adminUsername, PASSWORD);
    String secret = new PortalBrowser("en").signIn(adminUsername, PASSWORD, null);
    Http.Reply invalid = createService(basic, secret, "Bad_Name!");
    assertEquals(400, invalid.status(), invalid.body());
    assertTrue(invalid.json().getString("error").startsWith("A sub-domain is 1 to 63"));
    assertEquals(
        400, createService(basic, secret, "admin").status(), "reserved names stay the operator's");
    Http.Reply taken = createService(basic, secret, "tim-b");
    assertEquals(400, taken.status(), taken.body());
    assertEquals("This sub-domain is already taken", taken.json().getString("error"));

    String label = "reg" + suffix();
    Http.Reply created = createService(basic, secret, label);
    assertEquals(200, created.status(), created.body());
    JsonObject service = created.json();
    String serverName = label + ".localhost";
    assertEquals(serverName, service.getString("server_name"));
    assertEquals("AUTHENTICATED", service.getString("authentication"));
    assertEquals(telematikId, service.getString("telematik_id"));
    assertEquals("ACTIVE", service.getString("activation"));
    assertEquals("PROVISIONED", service.getString("provisioning"));
    Http.Reply listed =
        adminCall(basic, secret, "GET", "/_tim/v1/registration/messenger_services", null, null);
    assertTrue(listed.body().contains(serverName), listed.body());

    // a Matrix client registers on the new server name right away (no restart)
    Http.Reply token =
        adminCall(basic, secret, "POST", "/_tim/v1/admin/registration_tokens", "{}", serverName);
    assertEquals(200, token.status(), token.body());
    Http.Reply user =
        MatrixAccounts.registerReply("erste", token.json().getString("token"), serverName);
    assertEquals(200, user.status(), user.body());
    assertTrue(user.json().getString("user_id").endsWith(":" + serverName), user.body());
    Http.Reply whoami =
        Http.call(
            "GET",
            "/_matrix/client/v3/account/whoami",
            "Bearer " + user.json().getString("access_token"),
            null,
            serverName);
    assertEquals(user.json().getString("user_id"), whoami.json().getString("user_id"));
  }

  @Test
  void unknownAndExpiredCodesAndStaleChallengesAreRefused() throws Exception {
    Http.Reply unknown =
        Http.call(
            "POST",
            "/_tim/v1/registration/challenges",
            null,
            "{\"registration_code\":\"NOPE2345NOPE2345NOPE\"}");
    assertEquals(403, unknown.status(), unknown.body());
    assertEquals("M_FORBIDDEN", unknown.json().getString("errcode"));

    Card card = smcb("Praxis Spaet", "5-SMB-late" + suffix(), "1.2.276.0.76.4.50");
    String code = issueCode("order-late");
    JsonObject challenge = challenge(code);
    String signature = signChallenge(card, challenge);
    // two hours later: the challenge (five minutes) and a one-hour code have both expired
    String shortCode = issueCodeValidFor(1);
    clock.advance(Duration.ofHours(2));
    try {
      Http.Reply stale = register(challenge, card, signature, "late-" + suffix());
      assertEquals(403, stale.status(), stale.body());
      assertTrue(stale.json().getString("error").contains("challenge"), stale.body());
      Http.Reply expired =
          Http.call(
              "POST",
              "/_tim/v1/registration/challenges",
              null,
              "{\"registration_code\":\"" + shortCode + "\"}");
      assertEquals(403, expired.status(), expired.body());
      assertEquals(
          "The registration code is unknown, expired or already used",
          expired.json().getString("error"));
    } finally {
      clock.reset();
    }

    // a person's card (eHBA profession) is no organisation
    Card hba = card("HBA", "Dr. Person", "1-HBA-" + suffix(), "1.2.276.0.76.4.30");
    JsonObject forHba = challenge(code);
    Http.Reply person = register(forHba, hba, signChallenge(hba, forHba), "hba-" + suffix());
    assertEquals(403, person.status(), person.body());
    assertTrue(person.json().getString("error").contains("C.HCI.AUT"), person.body());
    // without the CA certificates, the chain does not reach the trust anchor
    JsonObject noChain = challenge(code);
    Card bare = new Card(card.handle(), card.certificate(), List.of());
    Http.Reply untrusted = register(noChain, bare, signChallenge(card, noChain), "b-" + suffix());
    assertEquals(403, untrusted.status(), untrusted.body());
    // nothing was created: the code still works for the right card
    JsonObject good = challenge(code);
    assertEquals(200, register(good, card, signChallenge(card, good), "ok-" + suffix()).status());
  }

  /**
   * Finding 18, OCSP (on in the IT server): the test PKI's responder (its URL in the card's AIA)
   * answers revoked after the test tools revoke the card, and registration is refused; a card whose
   * responder cannot be reached is refused as well (fail closed), while a good card of the same
   * code still registers.
   */
  @Test
  void revokedCardOrUnreachableResponderIsRefusedAndGoodCardRegisters() throws Exception {
    String code = issueCode("order-ocsp");
    Card revoked = smcb("Praxis Widerrufen", "5-SMB-rev" + suffix(), "1.2.276.0.76.4.50");
    Http.Reply revocation =
        Http.send(
            MatrixAccounts.asOperator(
                    Http.request("/_tim/v1/konnektor/cards/" + revoked.handle() + "/revoke"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, revocation.status(), revocation.body());
    JsonObject forRevoked = challenge(code);
    Http.Reply refused =
        register(forRevoked, revoked, signChallenge(revoked, forRevoked), "rv-" + suffix());
    assertEquals(403, refused.status(), refused.body());
    assertEquals(
        "The SMC-B certificate is revoked (OCSP); register with a valid card",
        refused.json().getString("error"));

    Card unreachable =
        card(
            "SMC-B",
            "Praxis Ohne OCSP",
            "5-SMB-unr" + suffix(),
            "1.2.276.0.76.4.50",
            "http://127.0.0.1:1/ocsp");
    JsonObject forUnreachable = challenge(code);
    Http.Reply closed =
        register(
            forUnreachable,
            unreachable,
            signChallenge(unreachable, forUnreachable),
            "ur-" + suffix());
    assertEquals(403, closed.status(), closed.body());
    assertTrue(closed.json().getString("error").contains("revocation status"), closed.body());

    Card good = smcb("Praxis Gueltig", "5-SMB-ok" + suffix(), "1.2.276.0.76.4.50");
    JsonObject forGood = challenge(code);
    Http.Reply registered = register(forGood, good, signChallenge(good, forGood), "ok-" + suffix());
    assertEquals(200, registered.status(), registered.body());
  }

  private static final String PASSWORD = "registered-admin-password";

  private static Http.Reply register(
      JsonObject challenge, Card card, String signature, String adminUsername) throws Exception {
    JsonArrayBuilder cas = Json.createArrayBuilder();
    card.caCertificates().forEach(cas::add);
    String body =
        Json.createObjectBuilder()
            .add("challenge_id", challenge.getString("challenge_id"))
            .add("certificate", card.certificate())
            .add("ca_certificates", cas)
            .add("signature", signature)
            .add("admin_username", adminUsername)
            .add("admin_password", PASSWORD)
            .build()
            .toString();
    return Http.call("POST", "/_tim/v1/registration/organisations", null, body);
  }

  private static Http.Reply createService(String basic, String secret, String subDomain)
      throws Exception {
    return adminCall(
        basic,
        secret,
        "POST",
        "/_tim/v1/registration/messenger_services",
        "{\"sub_domain\":\"" + subDomain + "\"}",
        null);
  }

  /** A REST call as an admin: Basic credentials plus the current one-time code. */
  private static Http.Reply adminCall(
      String basic, String secret, String method, String path, String body, String host)
      throws Exception {
    HttpRequest.Builder request =
        Http.jsonRequest(URI.create(Http.BASE + path), method, body)
            .header("Authorization", basic)
            .header("X-TIM-OTP", PortalBrowser.totp(secret, TestClock.serverMillis()));
    if (host != null) {
      request.header("Host", host);
    }
    return Http.send(request);
  }

  private static JsonObject challenge(String code) throws Exception {
    Http.Reply reply =
        Http.call(
            "POST",
            "/_tim/v1/registration/challenges",
            null,
            "{\"registration_code\":\"" + code + "\"}");
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static String issueCode(String order) throws Exception {
    Http.Reply reply =
        MatrixAccounts.asAdmin(
            "POST",
            "/_tim/v1/operator/registration_codes",
            "{\"order_reference\":\"" + order + "\"}",
            null);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getString("code");
  }

  private static String issueCodeValidFor(int hours) throws Exception {
    Http.Reply reply =
        MatrixAccounts.asAdmin(
            "POST",
            "/_tim/v1/operator/registration_codes",
            "{\"valid_hours\":" + hours + "}",
            null);
    assertEquals(200, reply.status(), reply.body());
    return reply.json().getString("code");
  }

  private static Card smcb(String holder, String telematikId, String oid) throws Exception {
    return card("SMC-B", holder, telematikId, oid);
  }

  /**
   * A new test card from the software Konnektor with its C.AUT certificate as ReadCardCertificate
   * gives it; the CA certificates come out of the card's key file (OpenSSL), as an organisation
   * would take them from the TSL.
   */
  private static Card card(String type, String holder, String telematikId, String oid)
      throws Exception {
    return card(type, holder, telematikId, oid, null);
  }

  /** As above; {@code ocspUrl} (if not null) is the responder the certificates name (AIA). */
  private static Card card(
      String type, String holder, String telematikId, String oid, String ocspUrl) throws Exception {
    var request =
        Json.createObjectBuilder()
            .add("type", type)
            .add("holder_name", holder)
            .add("telematik_id", telematikId)
            .add("profession_oid", oid);
    if (ocspUrl != null) {
      request.add("ocsp_url", ocspUrl);
    }
    Http.Reply issued =
        MatrixAccounts.asAdmin(
            "POST", "/_tim/v1/konnektor/test-cards", request.build().toString(), null);
    assertEquals(200, issued.status(), issued.body());
    String handle = issued.json().getString("card_handle");
    String iccsn = issued.json().getString("iccsn");
    Http.Reply certificate =
        MatrixAccounts.asAdmin(
            "GET",
            "/_tim/v1/konnektor/cards/" + handle + "/certificate?ref=C.AUT&crypt=RSA",
            null,
            null);
    assertEquals(200, certificate.status(), certificate.body());
    String p12 = type.equals("SMC-B") ? "C.HCI.AUT-RSA.p12" : "C.HP.AUT-RSA.p12";
    String pem =
        openssl(
            "pkcs12",
            "-in",
            KONNEKTOR.resolve("cards").resolve(iccsn).resolve(p12).toString(),
            "-passin",
            "file:" + KONNEKTOR.resolve("keystore-password"),
            "-cacerts",
            "-nokeys");
    List<String> cas = new ArrayList<>();
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      cas.add(m.group(1).replaceAll("\\s", ""));
    }
    assertFalse(cas.isEmpty(), pem);
    return new Card(handle, certificate.json().getString("certificate"), cas);
  }

  private static String signChallenge(Card card, JsonObject challenge) throws Exception {
    return sign(card, sha256(Base64.getDecoder().decode(challenge.getString("challenge"))));
  }

  /** ExternalAuthenticate through the Konnektor test tools: the card signs a SHA-256 digest. */
  private static String sign(Card card, byte[] digest) throws Exception {
    Http.Reply signed =
        Http.send(
            MatrixAccounts.asOperator(
                    Http.request(
                        "/_tim/v1/konnektor/cards/"
                            + card.handle()
                            + "/external-authenticate?crypt=RSA"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(digest)));
    assertEquals(200, signed.status(), signed.body());
    return signed.json().getString("signature");
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static String suffix() {
    return Long.toString(System.nanoTime(), 36);
  }

  private static String openssl(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl finished");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
