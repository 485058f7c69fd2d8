package de.timkim.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.TestClock;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing in to the PrimeFaces portal the way a browser's form post does: password, then the TOTP
 * second factor (enrolled at first sign-in). The browser-driven walk through the pages is the node
 * scenario portal.mjs (headless Chromium).
 */
@ExtendWith(ArquillianExtension.class)
class AdminLoginIT extends DeployedEar {

  @RegisterExtension final TestClock clock = new TestClock();

  @Test
  void pagesBehindTheLoginRedirectToIt() throws Exception {
    PortalBrowser browser = new PortalBrowser("en");
    for (String page :
        new String[] {"/admin/overview.xhtml", "/admin/users.xhtml", "/admin/sessions.xhtml"}) {
      HttpResponse<String> response = browser.get(page);
      assertEquals(302, response.statusCode(), page);
      assertTrue(
          response.headers().firstValue("Location").orElse("").endsWith("/admin/login.xhtml"));
    }
  }

  /**
   * Finding 10, the portal's part: the unauthenticated login form used to accept and parse bodies
   * up to the listener's 160 MiB. Above 1 MiB, or without a declared length, it is now 413.
   */
  @Test
  void oversizedOrChunkedFormPostsToTheLoginPageAreRefusedUnread() throws Exception {
    String form = "login%3Ausername=admin&login%3Apassword=" + "x".repeat(2 * 1024 * 1024);
    HttpRequest.Builder declared =
        Http.request("/admin/login.xhtml")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    assertEquals(413, Http.send(declared).status());

    HttpRequest.Builder chunked =
        Http.request("/admin/login.xhtml")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream("login%3Ausername=admin".getBytes())));
    assertEquals(413, Http.send(chunked).status());
  }

  @Test
  void newAdminsPasswordLeadsToTheSecondFactorNotToThePages() throws Exception {
    // a fresh organisation's admin, not the operator's: the test helpers enrol the operator's
    // second factor for the REST API, and an enrolment left open here would block theirs
    Operator.Organisation org = Operator.provision("first");
    PortalBrowser browser = new PortalBrowser("en");
    browser.get("/admin/login.xhtml");
    HttpResponse<String> posted =
        browser.submit(
            "login",
            Map.of("login:username", org.adminUsername(), "login:password", org.adminPassword()),
            "login:submit");
    assertEquals(302, posted.statusCode(), posted.body());
    assertTrue(posted.headers().firstValue("Location").orElse("").contains("second-factor.xhtml"));
    // a password alone opens no page
    assertEquals(302, browser.get("/admin/overview.xhtml").statusCode());
    HttpResponse<String> enrolment = browser.get("/admin/second-factor.xhtml");
    assertEquals(200, enrolment.statusCode());
    assertTrue(
        enrolment
            .body()
            .contains("otpauth://totp/TIM-KIM%20Org-Admin:" + org.adminUsername() + "?secret="),
        enrolment.body());
  }

  @Test
  void adminEnrolsTotpAndSeesTheirOrganisation() throws Exception {
    Operator.Organisation org = Operator.provision("login");
    PortalBrowser browser = new PortalBrowser("en");
    String secret = browser.signIn(org.adminUsername(), org.adminPassword(), null);
    HttpResponse<String> overview = browser.get("/admin/overview.xhtml");
    assertEquals(200, overview.statusCode());
    assertTrue(overview.body().contains("Signed in as " + org.adminUsername()), overview.body());
    assertTrue(overview.body().contains(org.serverName()), overview.body());
    assertTrue(overview.body().contains("Software-Konnektor"), overview.body());

    // the next sign-in asks for a code of the enrolled secret and shows no secret
    PortalBrowser later = new PortalBrowser("en");
    later.get("/admin/login.xhtml");
    later.submit(
        "login",
        Map.of("login:username", org.adminUsername(), "login:password", org.adminPassword()),
        "login:submit");
    later.get("/admin/second-factor.xhtml");
    assertFalse(later.page().contains("totpSecret"), "an enrolled admin sees no new secret");
    assertFalse(later.page().contains(secret));
  }

  @Test
  void wrongPasswordIsRefusedWithAClearMessage() throws Exception {
    PortalBrowser browser = new PortalBrowser("en");
    browser.get("/admin/login.xhtml");
    HttpResponse<String> posted =
        browser.submit(
            "login",
            Map.of("login:username", "admin", "login:password", "not-the-password"),
            "login:submit");
    assertEquals(200, posted.statusCode());
    assertTrue(posted.body().contains("User name or password is wrong."), posted.body());
    assertEquals(302, browser.get("/admin/second-factor.xhtml").statusCode());
    assertEquals(302, browser.get("/admin/overview.xhtml").statusCode());
  }

  @Test
  void wrongTotpIsRefusedAndGuessingIsRateLimited() throws Exception {
    Operator.Organisation org = Operator.provision("guess");
    PortalBrowser browser = new PortalBrowser("en");
    browser.get("/admin/login.xhtml");
    browser.submit(
        "login",
        Map.of("login:username", org.adminUsername(), "login:password", org.adminPassword()),
        "login:submit");
    browser.get("/admin/second-factor.xhtml");
    String secret = browser.page().replaceAll("(?s).*id=\"totpSecret\">([A-Z2-7]+)<.*", "$1");
    long now = System.currentTimeMillis();
    String wrong = "000000";
    for (long skew = -60_000; skew <= 60_000; skew += 30_000) {
      if (PortalBrowser.totp(secret, now + skew).equals(wrong)) {
        wrong = "000001";
      }
    }
    HttpResponse<String> refused =
        browser.submit("totp", Map.of("totp:code", wrong), "totp:submit");
    assertEquals(200, refused.statusCode());
    assertTrue(refused.body().contains("The one-time code is wrong"), refused.body());
    assertEquals(302, browser.get("/admin/overview.xhtml").statusCode());

    // five wrong guesses, then even the right code waits: 10^6 codes cannot be tried out
    browser.get("/admin/second-factor.xhtml");
    String last = "";
    for (int i = 0; i < 6 && !last.contains("Too many wrong attempts"); i++) {
      last = browser.submit("totp", Map.of("totp:code", wrong), "totp:submit").body();
    }
    assertTrue(last.contains("Too many wrong attempts"), last);
    HttpResponse<String> right =
        browser.submit(
            "totp",
            Map.of("totp:code", PortalBrowser.totp(secret, System.currentTimeMillis())),
            "totp:submit");
    assertTrue(right.body().contains("Too many wrong attempts"), right.body());
    assertEquals(302, browser.get("/admin/overview.xhtml").statusCode());
  }

  @Test
  void wrongPasswordsAreThrottledBeforeTheHashSoEvenTheRightOneWaits() throws Exception {
    Operator.Organisation org = Operator.provision("throttle");
    for (int i = 0; i < 5; i++) {
      Http.Reply wrong = adminApi(org, "not-the-password-" + i, null);
      assertEquals(401, wrong.status(), wrong.body());
    }
    // the budget is spent: the right password is not even checked (no PBKDF2 run)
    Http.Reply throttled = adminApi(org, org.adminPassword(), null);
    assertEquals(429, throttled.status(), throttled.body());
    assertEquals("M_LIMIT_EXCEEDED", throttled.json().getString("errcode"));
    PortalBrowser browser = new PortalBrowser("en");
    browser.get("/admin/login.xhtml");
    HttpResponse<String> portal =
        browser.submit(
            "login",
            Map.of("login:username", org.adminUsername(), "login:password", org.adminPassword()),
            "login:submit");
    assertEquals(200, portal.statusCode());
    assertTrue(portal.body().contains("Too many wrong attempts"), portal.body());
    assertEquals(302, browser.get("/admin/second-factor.xhtml").statusCode());
  }

  @Test
  void restApiRefusesAnAdminWithoutSecondFactorUntilOneIsEnrolled() throws Exception {
    Operator.Organisation org = Operator.provision("nototp");
    Http.Reply passwordOnly = adminApi(org, org.adminPassword(), null);
    assertEquals(403, passwordOnly.status(), passwordOnly.body());
    assertEquals("M_FORBIDDEN", passwordOnly.json().getString("errcode"));
    assertTrue(
        passwordOnly.json().getString("error").contains("no second factor yet"),
        passwordOnly.body());

    String secret = new PortalBrowser("en").signIn(org.adminUsername(), org.adminPassword(), null);
    assertEquals(401, adminApi(org, org.adminPassword(), null).status(), "now the code is owed");
    Http.Reply withCode =
        adminApi(org, org.adminPassword(), PortalBrowser.totp(secret, TestClock.serverMillis()));
    assertEquals(200, withCode.status(), withCode.body());
  }

  @Test
  void aSecondEnrolmentWhileOneIsOpenIsRefused() throws Exception {
    Operator.Organisation org = Operator.provision("twice");
    PortalBrowser first = signInWithPassword(org);
    String secret = first.page().replaceAll("(?s).*id=\"totpSecret\">([A-Z2-7]+)<.*", "$1");
    assertTrue(secret.matches("[A-Z2-7]{16,}"), first.page());

    // someone else with the password gets no secret of their own while the first is open
    PortalBrowser second = signInWithPassword(org);
    assertFalse(second.page().contains("totpSecret"), second.page());
    assertTrue(
        second.page().contains("Another sign-in of this account is setting up"), second.page());

    // the first finishes its enrolment; the secret is the one it was shown
    HttpResponse<String> confirmed =
        first.submit(
            "totp",
            Map.of("totp:code", PortalBrowser.totp(secret, TestClock.serverMillis())),
            "totp:submit");
    assertEquals(302, confirmed.statusCode(), confirmed.body());
    assertEquals(200, first.get("/admin/overview.xhtml").statusCode());
  }

  @Test
  void anEnrolmentNotFinishedWithinTenMinutesExpires() throws Exception {
    Operator.Organisation org = Operator.provision("slow");
    PortalBrowser slow = signInWithPassword(org);
    String secret = slow.page().replaceAll("(?s).*id=\"totpSecret\">([A-Z2-7]+)<.*", "$1");
    clock.advance(Duration.ofMinutes(11));
    HttpResponse<String> late =
        slow.submit(
            "totp",
            Map.of("totp:code", PortalBrowser.totp(secret, TestClock.serverMillis())),
            "totp:submit");
    assertEquals(200, late.statusCode());
    assertTrue(late.body().contains("took longer than 10 minutes"), late.body());
    assertEquals(302, slow.get("/admin/overview.xhtml").statusCode());

    // a new sign-in may start anew once the old enrolment expired
    PortalBrowser again = signInWithPassword(org);
    assertTrue(again.page().contains("totpSecret"), again.page());
    assertFalse(again.page().contains(secret), "a new secret, not the expired one");
  }

  /** Password step in the portal, then the second-factor page loaded. */
  private static PortalBrowser signInWithPassword(Operator.Organisation org) throws Exception {
    PortalBrowser browser = new PortalBrowser("en");
    browser.get("/admin/login.xhtml");
    HttpResponse<String> posted =
        browser.submit(
            "login",
            Map.of("login:username", org.adminUsername(), "login:password", org.adminPassword()),
            "login:submit");
    assertEquals(302, posted.statusCode(), posted.body());
    assertEquals(200, browser.get("/admin/second-factor.xhtml").statusCode());
    return browser;
  }

  /** GET /_tim/v1/admin/registration_tokens as {@code org}'s admin; {@code code} may be null. */
  private static Http.Reply adminApi(Operator.Organisation org, String password, String code)
      throws Exception {
    HttpRequest.Builder request =
        Http.request("/_tim/v1/admin/registration_tokens")
            .header("Authorization", Operator.basic(org.adminUsername(), password))
            .header("Host", org.serverName())
            .GET();
    if (code != null) {
      request.header("X-TIM-OTP", code);
    }
    return Http.send(request);
  }

  @Test
  void portalSpeaksGermanToGermanBrowsers() throws Exception {
    PortalBrowser browser = new PortalBrowser("de-DE,de;q=0.9");
    HttpResponse<String> page = browser.get("/admin/login.xhtml");
    assertTrue(page.body().contains("Passwort"), page.body());
    HttpResponse<String> refused =
        browser.submit(
            "login", Map.of("login:username", "admin", "login:password", "falsch"), "login:submit");
    assertTrue(refused.body().contains("Benutzername oder Passwort ist falsch."), refused.body());
  }
}
