package de.timkim.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the deployed server at it.base.url. */
public final class Http {

  public static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:8280");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          // HTTP/1.1: after an h2c upgrade the JDK sends the URI's authority, not a Host header
          // a test set, and ServerNamesIT addresses server names by Host
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /**
   * {@code value} as one path segment or query value: percent-encoding with a space as {@code %20},
   * which means a space in a path and in a query alike ({@link URLEncoder}'s {@code +} is a space
   * only in a form body or query, and a literal plus in a path).
   */
  public static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(BASE + path)).GET());
  }

  public static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), response.body(), response.headers());
  }

  /** A JSON request; {@code authorization} and {@code body} may be null. */
  public static Reply call(String method, String path, String authorization, String body)
      throws IOException, InterruptedException {
    return call(method, path, authorization, body, null);
  }

  /** A JSON request addressed to the server name {@code host} (null: the default one). */
  public static Reply call(
      String method, String path, String authorization, String body, String host)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = jsonRequest(URI.create(BASE + path), method, body);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (host != null) {
      request.header("Host", host);
    }
    return send(request);
  }

  /** A request with a JSON {@code body} (null: none) to {@code uri}, any server or node. */
  public static HttpRequest.Builder jsonRequest(URI uri, String method, String body) {
    return HttpRequest.newBuilder(uri)
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
  }

  public static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(BASE + path));
  }
}
