package de.timkim.it.admin;

import static de.timkim.it.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two organisations, A and B, each with a messenger service, an admin and a registered user. A's
 * admin must not see or change anything of B's: not through the pages, not by editing URLs or form
 * fields, not through the REST API. Bad input changes nothing and says why.
 */
@ExtendWith(ArquillianExtension.class)
class PortalIsolationIT extends DeployedEar {

  private static final Pattern ISSUED_CODE = Pattern.compile("id=\"issuedCode\">([A-Z2-9]{16})<");

  /**
   * Both organisations, their signed-in admins and users; set up once (TOTP codes are single-use).
   */
  private record World(
      Operator.Organisation a,
      Operator.Organisation b,
      PortalBrowser adminA,
      PortalBrowser adminB,
      String secretA,
      String secretB,
      MatrixAccounts.Account userA,
      MatrixAccounts.Account userB) {}

  private static World world;

  private static synchronized World world() throws Exception {
    if (world == null) {
      Operator.Organisation a = Operator.provision("isoa");
      Operator.Organisation b = Operator.provision("isob");
      PortalBrowser adminA = new PortalBrowser("en");
      String secretA = adminA.signIn(a.adminUsername(), a.adminPassword(), null);
      PortalBrowser adminB = new PortalBrowser("en");
      String secretB = adminB.signIn(b.adminUsername(), b.adminPassword(), null);
      MatrixAccounts.Account userA = registeredUser(a, secretA);
      MatrixAccounts.Account userB = registeredUser(b, secretB);
      world = new World(a, b, adminA, adminB, secretA, secretB, userA, userB);
    }
    return world;
  }

  /** A user of {@code org}, registered with a token its admin issued over the REST API. */
  private static MatrixAccounts.Account registeredUser(Operator.Organisation org, String secret)
      throws Exception {
    Http.Reply token =
        api("POST", "/_tim/v1/admin/registration_tokens", "{}", org, secret, org.serverName());
    assertEquals(200, token.status(), token.body());
    Http.Reply registered =
        MatrixAccounts.registerReply("member", token.json().getString("token"), org.serverName());
    assertEquals(200, registered.status(), registered.body());
    JsonObject json = registered.json();
    return new MatrixAccounts.Account(
        json.getString("user_id"), json.getString("device_id"), json.getString("access_token"));
  }

  @Test
  void eachAdminSeesOnlyTheirOwnServicesAndUsers() throws Exception {
    World w = world();
    String overview = w.adminA().get("/admin/overview.xhtml").body();
    assertTrue(overview.contains(w.a().serverName()), overview);
    assertFalse(overview.contains(w.b().serverName()), overview);
    assertFalse(overview.contains("tim-b.localhost"), "the operator's services are not A's either");

    String users = w.adminA().get("/admin/users.xhtml").body();
    assertTrue(users.contains(w.userA().userId()), users);
    assertFalse(users.contains(w.userB().userId()), users);
    assertFalse(users.contains(w.b().serverName()), "B's service is not offered to A: " + users);
  }

  @Test
  void anotherOrganisationsServiceInTheUrlShowsNothingButARefusal() throws Exception {
    World w = world();
    HttpResponse<String> page =
        w.adminA().get("/admin/users.xhtml?service=" + enc(w.b().serverName()));
    assertEquals(200, page.statusCode());
    assertTrue(
        page.body().contains("This messenger service does not belong to your organisation."),
        page.body());
    assertFalse(page.body().contains(w.userB().userId()), page.body());
  }

  @Test
  void anotherOrganisationsUserInTheUrlShowsNoSessions() throws Exception {
    World w = world();
    HttpResponse<String> page =
        w.adminA().get("/admin/sessions.xhtml?user=" + enc(w.userB().userId()));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("There is no such user in your organisation."), page.body());
    assertFalse(page.body().contains(w.userB().deviceId()), page.body());
    // B's own admin does see that device
    String own = w.adminB().get("/admin/sessions.xhtml?user=" + enc(w.userB().userId())).body();
    assertTrue(own.contains(w.userB().deviceId()), own);
  }

  @Test
  void tamperedServiceInAFormPostChangesNothing() throws Exception {
    World w = world();
    w.adminA().get("/admin/users.xhtml");
    HttpResponse<String> posted =
        w.adminA()
            .submit(
                "users",
                Map.of(
                    "users:service_input", w.b().serverName(),
                    "users:newUserName", "intruder",
                    "users:validity_input", "72",
                    "users:validity_hinput", "72"),
                "users:addUser");
    assertFalse(posted.body().contains("added."), posted.body());
    // the menu offers only A's services; a value not offered fails validation
    assertTrue(posted.body().contains("ui-messages-error"), posted.body());
    String bUsers = w.adminB().get("/admin/users.xhtml").body();
    assertFalse(bUsers.contains("@intruder:"), bUsers);
    String aUsers = w.adminA().get("/admin/users.xhtml").body();
    assertFalse(aUsers.contains("@intruder:"), aUsers);
  }

  @Test
  void formPostWithoutViewStateIsNotCarriedOut() throws Exception {
    World w = world();
    w.adminA().get("/admin/users.xhtml");
    // what a cross-site form would send: the session cookie (if the browser sent it) but no token
    Map<String, String> forged = new HashMap<>();
    forged.put("users", "users");
    forged.put("users:newUserName", "csrf-victim");
    forged.put("users:addUser", "");
    HttpResponse<String> posted = w.adminA().post("/admin/users.xhtml", forged);
    assertFalse(posted.body().contains("csrf-victim"), posted.body());
    // a made-up ViewState is no better
    forged.put("jakarta.faces.ViewState", "-1234567890:9876543210");
    HttpResponse<String> guessed = w.adminA().post("/admin/users.xhtml", forged);
    assertFalse(guessed.body().contains("csrf-victim"), guessed.body());
    String users = w.adminA().get("/admin/users.xhtml").body();
    assertFalse(users.contains("csrf-victim"), users);
  }

  @Test
  void restApiRefusesAnotherOrganisationsService() throws Exception {
    World w = world();
    int before = tokenCount(w.b(), w.secretB());
    Http.Reply issue =
        api(
            "POST",
            "/_tim/v1/admin/registration_tokens",
            "{}",
            w.a(),
            w.secretA(),
            w.b().serverName());
    assertEquals(403, issue.status(), issue.body());
    assertEquals("M_FORBIDDEN", issue.json().getString("errcode"));
    Http.Reply list =
        api(
            "GET",
            "/_tim/v1/admin/registration_tokens",
            null,
            w.a(),
            w.secretA(),
            w.b().serverName());
    assertEquals(403, list.status(), list.body());
    assertEquals(before, tokenCount(w.b(), w.secretB()), "nothing was issued for B");

    // an admin with a second factor needs the code on the API too
    Http.Reply noCode =
        Http.send(
            Http.request("/_tim/v1/admin/registration_tokens")
                .header(
                    "Authorization", Operator.basic(w.a().adminUsername(), w.a().adminPassword()))
                .header("Host", w.a().serverName())
                .GET());
    assertEquals(401, noCode.status(), noCode.body());

    // only the operator sets up organisations
    Http.Reply provision =
        api(
            "POST",
            "/_tim/v1/operator/organisations",
            "{\"name\":\"x\",\"sub_domain\":\"sneaky\",\"admin_username\":\"sneaky\","
                + "\"admin_password\":\"sneaky-password-1\"}",
            w.a(),
            w.secretA(),
            null);
    assertEquals(403, provision.status(), provision.body());
  }

  @Test
  void messengerServiceSubDomainsAreCheckedAndANewServiceIsLiveAtOnce() throws Exception {
    World w = world();
    Http.Reply invalid =
        api(
            "POST",
            "/_tim/v1/admin/messenger_services",
            "{\"sub_domain\":\"Bad_Name!\"}",
            w.a(),
            w.secretA(),
            null);
    assertEquals(400, invalid.status(), invalid.body());
    assertEquals("M_INVALID_PARAM", invalid.json().getString("errcode"));
    String taken = w.b().serverName().substring(0, w.b().serverName().indexOf('.'));
    Http.Reply clash =
        api(
            "POST",
            "/_tim/v1/admin/messenger_services",
            "{\"sub_domain\":\"" + taken + "\"}",
            w.a(),
            w.secretA(),
            null);
    assertEquals(400, clash.status(), clash.body());
    assertEquals("This sub-domain is already taken", clash.json().getString("error"));

    String fresh = "live" + Long.toString(System.nanoTime(), 36);
    Http.Reply created =
        api(
            "POST",
            "/_tim/v1/admin/messenger_services",
            "{\"sub_domain\":\"" + fresh + "\"}",
            w.a(),
            w.secretA(),
            null);
    assertEquals(200, created.status(), created.body());
    String serverName = created.json().getString("server_name");
    assertEquals(fresh + ".localhost", serverName);
    Http.Reply keys =
        Http.send(Http.request("/_matrix/key/v2/server").header("Host", serverName).GET());
    assertEquals(serverName, keys.json().getString("server_name"));
    Http.Reply listed =
        api("GET", "/_tim/v1/admin/messenger_services", null, w.a(), w.secretA(), null);
    assertTrue(listed.body().contains(serverName), listed.body());
    Http.Reply notB =
        api("GET", "/_tim/v1/admin/messenger_services", null, w.b(), w.secretB(), null);
    assertFalse(notB.body().contains(serverName), notB.body());
  }

  @Test
  void theServerNoticesNameCannotBeGivenToAUser() throws Exception {
    World w = world();
    PortalBrowser admin = w.adminA();
    admin.get("/admin/users.xhtml");
    HttpResponse<String> added =
        admin.submit(
            "users",
            Map.of(
                "users:service_input", w.a().serverName(),
                "users:newUserName", "Notices",
                "users:newDisplayName", "Systemnachrichten",
                "users:validity_input", "1",
                "users:validity_hinput", "1"),
            "users:addUser");
    assertTrue(
        added.body().contains("This user name is reserved for messages from the server."),
        added.body());
    String users = admin.get("/admin/users.xhtml").body();
    assertFalse(users.contains("@notices:" + w.a().serverName()), users);
  }

  @Test
  void aCodeIssuedInThePortalRegistersItsUserOnlyOnceAndNobodyElse() throws Exception {
    World w = world();
    PortalBrowser admin = w.adminA();
    admin.get("/admin/users.xhtml");
    String localpart = "carla" + Long.toString(System.nanoTime(), 36);
    HttpResponse<String> added =
        admin.submit(
            "users",
            Map.of(
                "users:service_input", w.a().serverName(),
                "users:newUserName", localpart,
                "users:newDisplayName", "Carla",
                "users:validity_input", "1",
                "users:validity_hinput", "1"),
            "users:addUser");
    String userId = "@" + localpart + ":" + w.a().serverName();
    assertTrue(added.body().contains("User " + userId + " added."), added.body());
    admin.get("/admin/users.xhtml");
    int row = rowOf(admin.page(), userId);
    HttpResponse<String> issued =
        admin.submit(
            "users",
            Map.of(
                "users:service_input",
                w.a().serverName(),
                "users:validity_input",
                "1",
                "users:validity_hinput",
                "1"),
            "users:userTable:" + row + ":issueCode");
    Matcher code = ISSUED_CODE.matcher(issued.body());
    assertTrue(code.find(), issued.body());

    // somebody else with the code: refused, and the code stays usable for its user
    Http.Reply other = MatrixAccounts.registerReply("mallory", code.group(1), w.a().serverName());
    assertEquals(403, other.status(), other.body());
    assertEquals("M_FORBIDDEN", other.json().getString("errcode"));
    Http.Reply elsewhere = MatrixAccounts.registerReply("carla", code.group(1), w.b().serverName());
    assertEquals(401, elsewhere.status(), "a code of A is no code on B: " + elsewhere.body());

    Http.Reply own = registerAs(localpart, code.group(1), w.a().serverName());
    assertEquals(200, own.status(), own.body());
    assertEquals(userId, own.json().getString("user_id"));
    Http.Reply reused = registerAs(localpart + "x", code.group(1), w.a().serverName());
    assertEquals(401, reused.status(), reused.body());
    assertEquals("M_UNAUTHORIZED", reused.json().getString("errcode"));
  }

  @Test
  void anExpiredCodeIsRefused() throws Exception {
    World w = world();
    // long enough for the request to arrive (TOTP check and password hashing take a moment)
    long expiry = System.currentTimeMillis() + 5_000;
    Http.Reply token =
        api(
            "POST",
            "/_tim/v1/admin/registration_tokens",
            "{\"expiry_time\":" + expiry + "}",
            w.b(),
            w.secretB(),
            w.b().serverName());
    assertEquals(200, token.status(), token.body());
    while (System.currentTimeMillis() <= expiry + 100) {
      Thread.sleep(200);
    }
    Http.Reply registered =
        MatrixAccounts.registerReply("late", token.json().getString("token"), w.b().serverName());
    assertEquals(401, registered.status(), registered.body());
    assertEquals("M_UNAUTHORIZED", registered.json().getString("errcode"));
  }

  @Test
  void anotherOrganisationsReportsNoticesRetentionDirectoryAndKimAreOutOfReach() throws Exception {
    World w = world();
    // B's user reports a message in B's room
    String host = w.b().serverName();
    Http.Reply room =
        Http.call("POST", "/_matrix/client/v3/createRoom", w.userB().authorization(), "{}", host);
    assertEquals(200, room.status(), room.body());
    String roomId = room.json().getString("room_id");
    Http.Reply sent =
        Http.call(
            "PUT",
            "/_matrix/client/v3/rooms/" + enc(roomId) + "/send/m.room.message/t1",
            w.userB().authorization(),
            "{\"msgtype\":\"m.text\",\"body\":\"secret of B\"}",
            host);
    String eventId = sent.json().getString("event_id");
    Http.Reply reported =
        Http.call(
            "POST",
            "/_matrix/client/v3/rooms/" + enc(roomId) + "/report/" + enc(eventId),
            w.userB().authorization(),
            "{\"reason\":\"reason of B\"}",
            host);
    assertEquals(200, reported.status(), reported.body());
    Http.Reply bReports = api("GET", "/_tim/v1/admin/reports", null, w.b(), w.secretB(), host);
    long reportId =
        bReports.json().getJsonArray("reports").getJsonObject(0).getJsonNumber("id").longValue();

    // reports: A's page does not list it; A's REST cannot list or handle it
    String page = w.adminA().get("/admin/reports.xhtml").body();
    assertFalse(page.contains(eventId), page);
    assertFalse(page.contains("reason of B"), page);
    assertEquals(
        403, api("GET", "/_tim/v1/admin/reports", null, w.a(), w.secretA(), host).status());
    Http.Reply dismiss =
        api(
            "POST",
            "/_tim/v1/admin/reports/" + reportId,
            "{\"status\":\"DISMISSED\"}",
            w.a(),
            w.secretA(),
            w.a().serverName());
    assertEquals(404, dismiss.status(), dismiss.body());
    Http.Reply stillOpen = api("GET", "/_tim/v1/admin/reports", null, w.b(), w.secretB(), host);
    assertTrue(stillOpen.body().contains("\"status\":\"OPEN\""), stillOpen.body());

    // notices and retention of B's service: refused over REST, B's setting unchanged
    Http.Reply notice =
        api(
            "POST",
            "/_tim/v1/admin/server_notices",
            "{\"body\":\"from A\"}",
            w.a(),
            w.secretA(),
            host);
    assertEquals(403, notice.status(), notice.body());
    int before =
        api("GET", "/_tim/v1/admin/retention", null, w.b(), w.secretB(), host)
            .json()
            .getInt("months");
    Http.Reply retention =
        api("PUT", "/_tim/v1/admin/retention", "{\"months\":3}", w.a(), w.secretA(), host);
    assertEquals(403, retention.status(), retention.body());
    assertEquals(
        before,
        api("GET", "/_tim/v1/admin/retention", null, w.b(), w.secretB(), host)
            .json()
            .getInt("months"));
    // the portal form offers only A's services; B's name posted anyway fails validation
    w.adminA().get("/admin/retention.xhtml");
    HttpResponse<String> tampered =
        w.adminA()
            .submit(
                "retention",
                Map.of("retention:service_input", host, "retention:months_input", "3"),
                "retention:save");
    assertFalse(tampered.body().contains("Retention saved"), tampered.body());

    // directory: B's entry is not A's to see or delete; B's user is not A's to publish
    Http.Reply entry =
        api(
            "POST",
            "/_tim/v1/admin/directory/entries",
            "{\"department\":\"Geheim-B\",\"phone\":\"+49 30 1\"}",
            w.b(),
            w.secretB(),
            null);
    assertEquals(200, entry.status(), entry.body());
    long entryId = entry.json().getJsonNumber("id").longValue();
    assertFalse(
        api("GET", "/_tim/v1/admin/directory", null, w.a(), w.secretA(), null)
            .body()
            .contains("Geheim-B"));
    assertFalse(w.adminA().get("/admin/directory.xhtml").body().contains("Geheim-B"));
    Http.Reply delete =
        api(
            "DELETE",
            "/_tim/v1/admin/directory/entries/" + entryId,
            null,
            w.a(),
            w.secretA(),
            null);
    assertEquals(404, delete.status(), delete.body());
    assertTrue(
        api("GET", "/_tim/v1/admin/directory", null, w.b(), w.secretB(), null)
            .body()
            .contains("Geheim-B"));
    w.adminA().get("/admin/directory.xhtml");
    HttpResponse<String> publish =
        w.adminA()
            .submit(
                "directory", Map.of("directory:userId", w.userB().userId()), "directory:publish");
    assertTrue(
        publish.body().contains("There is no such user in your organisation."), publish.body());

    // KIM: B's address shows on B's page only
    String address = "b" + Long.toString(System.nanoTime(), 36) + "@klinik-b.kim.test";
    Http.Reply assign =
        MatrixAccounts.asAdmin(
            "POST",
            "/_tim/v1/operator/organisations/" + w.b().id() + "/kim_addresses",
            "{\"address\":\"" + address + "\"}",
            null);
    assertEquals(200, assign.status(), assign.body());
    assertTrue(w.adminB().get("/admin/kim.xhtml").body().contains(address));
    assertFalse(w.adminA().get("/admin/kim.xhtml").body().contains(address));
    assertFalse(
        api("GET", "/_tim/v1/admin/kim_addresses", null, w.a(), w.secretA(), null)
            .body()
            .contains(address));
    // and only the operator assigns addresses
    Http.Reply sneaky =
        api(
            "POST",
            "/_tim/v1/operator/organisations/" + w.a().id() + "/kim_addresses",
            "{\"address\":\"x" + address + "\"}",
            w.a(),
            w.secretA(),
            null);
    assertEquals(403, sneaky.status(), sneaky.body());
  }

  /**
   * The REST API and the portal take their scope from the same facade: what the overview does not
   * show A, A's REST calls do not list either, and a service the REST API refuses is refused on the
   * page too.
   */
  @Test
  void restAndPortalShowTheSameOwnServicesAndRefuseTheSameForeignOne() throws Exception {
    World w = world();
    for (String path :
        new String[] {
          "/_tim/v1/admin/messenger_services", "/_tim/v1/registration/messenger_services"
        }) {
      Http.Reply own = api("GET", path, null, w.a(), w.secretA(), null);
      assertEquals(200, own.status(), own.body());
      assertTrue(own.body().contains(w.a().serverName()), own.body());
      assertFalse(own.body().contains(w.b().serverName()), own.body());
      assertFalse(
          own.body().contains("tim-b.localhost"), "the operator's are not A's: " + own.body());
    }
    // B's retention is not A's to read either (A may not change it: see above)
    Http.Reply retention =
        api("GET", "/_tim/v1/admin/retention", null, w.a(), w.secretA(), w.b().serverName());
    assertEquals(403, retention.status(), retention.body());
    assertEquals("M_FORBIDDEN", retention.json().getString("errcode"));

    // a notice to B's service, posted through A's page with B's name forced in: not sent
    w.adminA().get("/admin/notices.xhtml");
    HttpResponse<String> tampered =
        w.adminA()
            .submit(
                "notices",
                Map.of("notices:service_input", w.b().serverName(), "notices:body", "from A"),
                "notices:send");
    assertFalse(tampered.body().contains("Notice sent to"), tampered.body());
    assertTrue(tampered.body().contains("ui-messages-error"), tampered.body());
  }

  @Test
  void noticeAndDirectoryPostsWithoutViewStateAreNotCarriedOut() throws Exception {
    World w = world();
    w.adminA().get("/admin/directory.xhtml");
    Map<String, String> forged = new HashMap<>();
    forged.put("directory", "directory");
    forged.put("directory:department", "csrf-department");
    forged.put("directory:addEntry", "");
    w.adminA().post("/admin/directory.xhtml", forged);
    assertFalse(w.adminA().get("/admin/directory.xhtml").body().contains("csrf-department"));
    Map<String, String> notice = new HashMap<>();
    notice.put("notices", "notices");
    notice.put("notices:body", "csrf notice");
    notice.put("notices:send", "");
    HttpResponse<String> posted = w.adminA().post("/admin/notices.xhtml", notice);
    assertFalse(posted.body().contains("Notice sent"), posted.body());
  }

  @Test
  void validationMessagesComeInTheAdminsLanguage() throws Exception {
    Operator.Organisation org = Operator.provision("isode");
    PortalBrowser german = new PortalBrowser("de");
    german.signIn(org.adminUsername(), org.adminPassword(), null);
    german.get("/admin/directory.xhtml");
    HttpResponse<String> refused =
        german.submit(
            "directory",
            Map.of("directory:department", "Kardiologie", "directory:phone", "ruf mich an"),
            "directory:addEntry");
    assertTrue(refused.body().contains("Eine Telefonnummer enth"), refused.body());
    german.get("/admin/notices.xhtml");
    HttpResponse<String> empty =
        german.submit("notices", Map.of("notices:body", ""), "notices:send");
    assertTrue(empty.body().contains("Eine Systemnachricht braucht einen Text"), empty.body());
  }

  /** The two-step registration of exactly {@code username} (MatrixAccounts adds a suffix). */
  private static Http.Reply registerAs(String username, String token, String host)
      throws Exception {
    String first = "{\"username\":\"" + username + "\",\"password\":\"correct horse battery\"}";
    Http.Reply challenge =
        Http.send(
            Http.request("/_matrix/client/v3/register")
                .header("Host", host)
                .POST(HttpRequest.BodyPublishers.ofString(first)));
    String session = challenge.json().getString("session");
    String second =
        "{\"username\":\""
            + username
            + "\",\"password\":\"correct horse battery\",\"auth\":"
            + "{\"type\":\"m.login.registration_token\",\"token\":\""
            + token
            + "\",\"session\":\""
            + session
            + "\"}}";
    return Http.send(
        Http.request("/_matrix/client/v3/register")
            .header("Host", host)
            .POST(HttpRequest.BodyPublishers.ofString(second)));
  }

  private static int rowOf(String page, String userId) {
    Matcher rows =
        Pattern.compile("data-ri=\"(\\d+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(page);
    while (rows.find()) {
      if (rows.group(2).contains(userId)) {
        return Integer.parseInt(rows.group(1));
      }
    }
    throw new AssertionError("no row for " + userId + " in " + page);
  }

  private static int tokenCount(Operator.Organisation org, String secret) throws Exception {
    Http.Reply list =
        api("GET", "/_tim/v1/admin/registration_tokens", null, org, secret, org.serverName());
    assertEquals(200, list.status(), list.body());
    return list.json().getJsonArray("registration_tokens").size();
  }

  /** A REST call as {@code org}'s admin: Basic credentials plus the current TOTP code. */
  private static Http.Reply api(
      String method,
      String path,
      String body,
      Operator.Organisation org,
      String secret,
      String host)
      throws Exception {
    HttpRequest.Builder request =
        Http.request(path)
            .header("Authorization", Operator.basic(org.adminUsername(), org.adminPassword()))
            .header("X-TIM-OTP", PortalBrowser.totp(secret, System.currentTimeMillis()))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (host != null) {
      request.header("Host", host);
    }
    return Http.send(request);
  }
}
