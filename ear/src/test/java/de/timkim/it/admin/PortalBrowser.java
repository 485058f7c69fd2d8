package de.timkim.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.Http;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The portal as a browser without JavaScript sees it: pages over HTTP with a cookie jar, forms
 * posted with all their hidden fields (ViewState, PrimeFaces' CSP nonce). For tests that go where a
 * real browser's page would not let an admin go: tampered fields, missing tokens, foreign IDs.
 */
public final class PortalBrowser {

  private static final Pattern HIDDEN_INPUT = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");
  private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
  private static final Pattern TOTP_SECRET = Pattern.compile("id=\"totpSecret\">([A-Z2-7]+)<");

  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final String language;
  private String page = "";
  private String pagePath = "";

  public PortalBrowser(String language) {
    this.language = language;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(Http.BASE + path))
                .header("Accept-Language", language)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    page = response.body();
    pagePath = path;
    return response;
  }

  String page() {
    return page;
  }

  /**
   * Posts form {@code formId} of the current page as a browser would: its hidden fields, the page's
   * CSP nonce, {@code fields}, and the pressed {@code button} (a component ID).
   */
  HttpResponse<String> submit(String formId, Map<String, String> fields, String button)
      throws IOException, InterruptedException {
    Map<String, String> form = hiddenFields(formId);
    assertTrue(form.containsKey("jakarta.faces.ViewState"), "form has a ViewState: " + page);
    Matcher nonce = NONCE.matcher(page);
    assertTrue(nonce.find(), "page carries a CSP nonce");
    form.put("primefaces.nonce", nonce.group(1));
    form.putAll(fields);
    if (button != null) {
      form.put(button, "");
    }
    return post(pagePath, form);
  }

  /** A raw form post, for tampered or missing fields. */
  HttpResponse<String> post(String path, Map<String, String> fields)
      throws IOException, InterruptedException {
    String body =
        fields.entrySet().stream()
            .map(e -> formEncoded(e.getKey()) + "=" + formEncoded(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(Http.BASE + path.replaceFirst("\\?.*", "")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    page = response.body();
    return response;
  }

  Map<String, String> hiddenFields(String formId) {
    int start = page.indexOf("<form id=\"" + formId + "\"");
    assertTrue(start >= 0, "page has form " + formId + ": " + page);
    String form = page.substring(start, page.indexOf("</form>", start));
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher hidden = HIDDEN_INPUT.matcher(form);
    while (hidden.find()) {
      Matcher name = NAME.matcher(hidden.group());
      Matcher value = VALUE.matcher(hidden.group());
      if (name.find()) {
        fields.put(name.group(1), value.find() ? value.group(1).replace("&amp;", "&") : "");
      }
    }
    return fields;
  }

  /**
   * Password, then (enrolling on first sign-in) the TOTP code; returns the TOTP secret, which a
   * later sign-in of the same admin needs.
   */
  public String signIn(String username, String password, String knownSecret)
      throws IOException, InterruptedException {
    assertEquals(200, get("/admin/login.xhtml").statusCode());
    HttpResponse<String> posted =
        submit(
            "login",
            Map.of("login:username", username, "login:password", password),
            "login:submit");
    assertEquals(302, posted.statusCode(), posted.body());
    assertTrue(posted.headers().firstValue("Location").orElse("").contains("second-factor.xhtml"));
    assertEquals(200, get("/admin/second-factor.xhtml").statusCode());
    String secret = knownSecret;
    if (secret == null) {
      Matcher shown = TOTP_SECRET.matcher(page);
      assertTrue(shown.find(), "first sign-in shows a TOTP secret: " + page);
      secret = shown.group(1);
    }
    HttpResponse<String> verified =
        submit(
            "totp", Map.of("totp:code", totp(secret, System.currentTimeMillis())), "totp:submit");
    assertEquals(302, verified.statusCode(), verified.body());
    assertTrue(verified.headers().firstValue("Location").orElse("").contains("overview.xhtml"));
    return secret;
  }

  /** RFC 6238 (HMAC-SHA1, 30 s, six digits), written independently of the server's. */
  public static String totp(String base32Secret, long atMillis) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder bits = new StringBuilder();
    for (char c : base32Secret.toUpperCase(Locale.ROOT).toCharArray()) {
      String b = Integer.toBinaryString(alphabet.indexOf(c));
      bits.append("0".repeat(5 - b.length())).append(b);
    }
    byte[] key = new byte[bits.length() / 8];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) Integer.parseInt(bits.substring(i * 8, i * 8 + 8), 2);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(atMillis / 30_000).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * application/x-www-form-urlencoded, as a browser posts a form (a space is '+'); not for paths,
   * where Http.enc is the one encoding.
   */
  private static String formEncoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
