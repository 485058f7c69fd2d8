package de.timkim.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signs in to the PrimeFaces portal the way a browser's form post does. Browser-driven tests
 * (headless Chromium) come with the portal's pages.
 */
@ExtendWith(ArquillianExtension.class)
class AdminLoginIT extends DeployedEar {

  private static final Pattern HIDDEN_INPUT = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");
  private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

  private final HttpClient browser =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void pagesBehindTheLoginRedirectToIt() throws Exception {
    HttpResponse<String> page = get("/admin/overview.xhtml");
    assertEquals(302, page.statusCode());
    assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/admin/login.xhtml"));
  }

  @Test
  void initialAdminSignsInAndSeesTheOverview() throws Exception {
    String password = Files.readString(initialPasswordFile()).trim();
    HttpResponse<String> posted = submitLogin("admin", password);
    assertEquals(302, posted.statusCode(), posted.body());
    assertTrue(
        posted.headers().firstValue("Location").orElse("").contains("/admin/overview.xhtml"));

    HttpResponse<String> overview = get("/admin/overview.xhtml");
    assertEquals(200, overview.statusCode());
    assertTrue(overview.body().contains("Overview"), overview.body());
    assertTrue(overview.body().contains("Software-Konnektor"), overview.body());
    assertTrue(overview.body().contains("Signed in as admin"), overview.body());
  }

  @Test
  void wrongPasswordIsRefusedWithAClearMessage() throws Exception {
    HttpResponse<String> posted = submitLogin("admin", "not-the-password");
    assertEquals(200, posted.statusCode());
    assertTrue(posted.body().contains("User name or password is wrong."), posted.body());
    assertEquals(302, get("/admin/overview.xhtml").statusCode());
  }

  @Test
  void portalSpeaksGermanToGermanBrowsers() throws Exception {
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(Http.BASE + "/admin/login.xhtml"))
                .header("Accept-Language", "de-DE,de;q=0.9")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(page.body().contains("Passwort"), page.body());
  }

  private HttpResponse<String> submitLogin(String username, String password) throws Exception {
    HttpResponse<String> form = get("/admin/login.xhtml");
    assertEquals(200, form.statusCode());
    // like a browser: every hidden field of the page (ViewState, PrimeFaces' CSP nonce) goes back
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher hidden = HIDDEN_INPUT.matcher(form.body());
    while (hidden.find()) {
      Matcher name = NAME.matcher(hidden.group());
      Matcher value = VALUE.matcher(hidden.group());
      if (name.find()) {
        fields.put(name.group(1), value.find() ? value.group(1).replace("&amp;", "&") : "");
      }
    }
    assertTrue(
        fields.containsKey("jakarta.faces.ViewState"),
        "login page has a ViewState: " + form.body());
    // PrimeFaces' script adds the page's CSP nonce to every form it submits
    Matcher nonce = NONCE.matcher(form.body());
    assertTrue(nonce.find(), "login page carries a CSP nonce");
    fields.put("primefaces.nonce", nonce.group(1));
    fields.put("login", "login");
    fields.put("login:username", username);
    fields.put("login:password", password);
    fields.put("login:submit", "");
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return browser.send(
        HttpRequest.newBuilder(URI.create(Http.BASE + "/admin/login.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept-Language", "en")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(Http.BASE + path))
            .header("Accept-Language", "en")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path initialPasswordFile() {
    return Path.of(System.getProperty("it.server.base"), "data", "tim", "initial-admin-password");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
