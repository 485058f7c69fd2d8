package de.timkim.it.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The content repository over HTTP: uploads streamed from generated content (never whole in
 * memory), downloads compared by SHA-256, the 110 MB limit to the byte, thumbnails decoded.
 */
@ExtendWith(ArquillianExtension.class)
class MediaIT extends DeployedEar {

  /** 110 MB as the server defines it: 110 × 1024 × 1024 bytes. */
  private static final long LIMIT = 110L * 1024 * 1024;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static Account alice;
  private static Account bob;

  @BeforeAll
  static void accounts() throws Exception {
    alice = MatrixAccounts.register("media-alice");
    bob = MatrixAccounts.register("media-bob");
  }

  private static HttpRequest.Builder request(String path, Account account) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(Http.BASE + path)).timeout(Duration.ofMinutes(2));
    if (account != null) {
      request.header("Authorization", account.authorization());
    }
    return request;
  }

  private record Reply(int status, byte[] body, java.net.http.HttpHeaders headers) {
    JsonObject json() {
      return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))
          .readObject();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(response.statusCode(), response.body(), response.headers());
  }

  private static String upload(Account account, byte[] content, String type, String fileName)
      throws Exception {
    // form-style on purpose ("Befund Müller.pdf" goes as Befund+M%C3%BCller.pdf): the server must
    // read a query's '+' as a space, as browsers send it; Http.enc would send %20
    String query =
        fileName == null ? "" : "?filename=" + URLEncoder.encode(fileName, StandardCharsets.UTF_8);
    Reply reply =
        send(
            request("/_matrix/media/v3/upload" + query, account)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    assertEquals(200, reply.status(), reply.text());
    String uri = reply.json().getString("content_uri");
    assertTrue(uri.startsWith("mxc://"), uri);
    return uri;
  }

  /** mxc://server/id → server/id */
  private static String path(String mxc) {
    return mxc.substring("mxc://".length());
  }

  private static void assertError(Reply reply, int status, String errcode) {
    assertEquals(status, reply.status(), reply.text());
    assertEquals(errcode, reply.json().getString("errcode"), reply.text());
    assertTrue(reply.json().containsKey("error"), reply.text());
  }

  private static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.GREEN);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.MAGENTA);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void uploadedFileDownloadsByteForByteWithHeadersThatKeepBrowsersSafe() throws Exception {
    byte[] content;
    try (InputStream generated = new GeneratedContent(3_000_001, 7)) {
      content = generated.readAllBytes();
    }
    String mxc = upload(alice, content, "application/pdf", "Befund Müller.pdf");

    // any user of the server may fetch it, with a token
    Reply download = send(request("/_matrix/client/v1/media/download/" + path(mxc), bob).GET());
    assertEquals(200, download.status());
    assertArrayEquals(content, download.body());
    assertEquals("application/pdf", download.header("Content-Type"));
    assertEquals("3000001", download.header("Content-Length"));
    assertEquals(
        "attachment; filename*=utf-8''Befund%20M%C3%BCller.pdf",
        download.header("Content-Disposition"));
    assertTrue(
        download.header("Content-Security-Policy").startsWith("sandbox; default-src 'none'"));
    assertEquals("cross-origin", download.header("Cross-Origin-Resource-Policy"));
    assertEquals("nosniff", download.header("X-Content-Type-Options"));

    Reply renamed =
        send(request("/_matrix/client/v1/media/download/" + path(mxc) + "/copy.pdf", bob).GET());
    assertEquals(200, renamed.status());
    assertEquals("attachment; filename=copy.pdf", renamed.header("Content-Disposition"));
  }

  @Test
  void safeImageTypesAreServedInline() throws Exception {
    String mxc = upload(alice, png(10, 10), "image/png", "dot.png");
    Reply download = send(request("/_matrix/client/v1/media/download/" + path(mxc), alice).GET());
    assertEquals("inline; filename=dot.png", download.header("Content-Disposition"));
  }

  @Test
  void htmlIsServedAsAnAttachmentNeverInline() throws Exception {
    String mxc = upload(alice, "<script>alert(1)</script>".getBytes(), "text/html", "page.html");
    Reply download = send(request("/_matrix/client/v1/media/download/" + path(mxc), alice).GET());
    assertEquals("text/html;charset=UTF-8", download.header("Content-Type").replace(" ", ""));
    assertEquals("attachment; filename=page.html", download.header("Content-Disposition"));
  }

  @Test
  void rangeRequestGetsThePartialContent() throws Exception {
    String mxc = upload(alice, "0123456789".getBytes(), "text/plain", null);
    Reply part =
        send(
            request("/_matrix/client/v1/media/download/" + path(mxc), alice)
                .header("Range", "bytes=2-5")
                .GET());
    assertEquals(206, part.status());
    assertEquals("2345", part.text());
    assertEquals("bytes 2-5/10", part.header("Content-Range"));
    Reply beyond =
        send(
            request("/_matrix/client/v1/media/download/" + path(mxc), alice)
                .header("Range", "bytes=10-")
                .GET());
    assertEquals(416, beyond.status());
  }

  @Test
  void uploadOfExactly110MegabytesRoundTripsByteForByte() throws Exception {
    long started = System.nanoTime();
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedContent(LIMIT, 110)),
            LIMIT);
    Reply uploaded =
        send(
            request("/_matrix/media/v3/upload?filename=big.bin", alice)
                .header("Content-Type", "application/octet-stream")
                .POST(body));
    assertEquals(200, uploaded.status(), uploaded.text());
    long uploadMs = (System.nanoTime() - started) / 1_000_000;
    String mxc = uploaded.json().getString("content_uri");

    started = System.nanoTime();
    HttpResponse<InputStream> download =
        CLIENT.send(
            request("/_matrix/client/v1/media/download/" + path(mxc), alice).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, download.statusCode());
    assertEquals(String.valueOf(LIMIT), download.headers().firstValue("Content-Length").get());
    String received = GeneratedContent.sha256(download.body());
    long downloadMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(GeneratedContent.sha256(new GeneratedContent(LIMIT, 110)), received);
    System.out.printf(
        "MediaIT: 110 MB upload %d ms, download %d ms (%s)%n",
        uploadMs, downloadMs, System.getProperty("it.db"));
  }

  @Test
  void declaredUploadOneByteOver110MegabytesIsRefusedWithTooLarge() throws Exception {
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedContent(LIMIT + 1, 1)),
            LIMIT + 1);
    Reply refused =
        send(
            request("/_matrix/media/v3/upload", alice)
                .header("Content-Type", "application/octet-stream")
                .POST(body));
    assertError(refused, 413, "M_TOO_LARGE");
  }

  @Test
  void chunkedUploadOneByteOver110MegabytesIsRefusedWithTooLarge() throws Exception {
    // no length given: the client sends chunked and the server has to count
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedContent(LIMIT + 1, 2));
    Reply refused =
        send(
            request("/_matrix/media/v3/upload", alice)
                .header("Content-Type", "application/octet-stream")
                .POST(body));
    assertError(refused, 413, "M_TOO_LARGE");
  }

  @Test
  void downloadWithoutAccessTokenIsRefused() throws Exception {
    String mxc = upload(alice, "secret".getBytes(), "text/plain", null);
    assertError(
        send(request("/_matrix/client/v1/media/download/" + path(mxc), null).GET()),
        401,
        "M_MISSING_TOKEN");
    // the deprecated unauthenticated endpoints are frozen
    assertError(
        send(request("/_matrix/media/v3/download/" + path(mxc), null).GET()), 404, "M_NOT_FOUND");
    assertError(
        send(
            request("/_matrix/media/v3/thumbnail/" + path(mxc) + "?width=32&height=32", null)
                .GET()),
        404,
        "M_NOT_FOUND");
    assertError(
        send(
            request("/_matrix/media/v3/upload", null)
                .POST(HttpRequest.BodyPublishers.ofString("x"))),
        401,
        "M_MISSING_TOKEN");
  }

  @Test
  void unknownRemoteOrMalformedMediaIsAnErrorNotAFailure() throws Exception {
    String server = path(upload(alice, "x".getBytes(), "text/plain", null)).split("/")[0];
    assertError(
        send(request("/_matrix/client/v1/media/download/" + server + "/NoSuchMedia", alice).GET()),
        404,
        "M_NOT_FOUND");
    assertError(
        send(request("/_matrix/client/v1/media/download/other.example/abc", alice).GET()),
        404,
        "M_NOT_FOUND");
    assertError(
        send(request("/_matrix/client/v1/media/download/" + server + "/a.b", alice).GET()),
        400,
        "M_INVALID_PARAM");
    assertError(
        send(
            request(
                    "/_matrix/client/v1/media/thumbnail/"
                        + server
                        + "/NoSuchMedia?width=x&height=1",
                    alice)
                .GET()),
        400,
        "M_INVALID_PARAM");
  }

  @Test
  void thumbnailOfAPngHasTheRequestedBoundingSize() throws Exception {
    String mxc = upload(alice, png(1000, 500), "image/png", "wide.png");
    String base = "/_matrix/client/v1/media/thumbnail/" + path(mxc);

    Reply scaled = send(request(base + "?width=320&height=240&method=scale", alice).GET());
    assertEquals(200, scaled.status(), scaled.text());
    assertEquals("image/png", scaled.header("Content-Type"));
    assertEquals("inline; filename=thumbnail.png", scaled.header("Content-Disposition"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(scaled.body()));
    assertEquals(320, image.getWidth());
    assertEquals(160, image.getHeight());

    // the standard size was kept: the second answer is the same bytes
    Reply again = send(request(base + "?width=320&height=240&method=scale", alice).GET());
    assertArrayEquals(scaled.body(), again.body());

    Reply cropped = send(request(base + "?width=96&height=96&method=crop", alice).GET());
    BufferedImage square = ImageIO.read(new ByteArrayInputStream(cropped.body()));
    assertEquals(96, square.getWidth());
    assertEquals(96, square.getHeight());

    // an image smaller than the request is served as it is
    String small = upload(alice, png(20, 10), "image/png", null);
    Reply original =
        send(
            request(
                    "/_matrix/client/v1/media/thumbnail/" + path(small) + "?width=96&height=96",
                    alice)
                .GET());
    assertEquals(20, ImageIO.read(new ByteArrayInputStream(original.body())).getWidth());
  }

  /**
   * Finding 9: a small PNG declaring 36 Mpx of 16-bit RGBA (288 MB decoded) was decoded in full for
   * each thumbnail request of a large size, uncached. Now the decode is subsampled to at most 2048
   * × 2048, renders per node are bounded (429 beyond) and the result is kept.
   */
  @Test
  void aDecompressionBombIsThumbnailedSubsampledOnceAndParallelRendersAreBounded()
      throws Exception {
    byte[] bomb = pngBomb(6000, 6000);
    assertTrue(bomb.length < 1_000_000, bomb.length + " bytes");
    String mxc = upload(alice, bomb, "image/png", "bomb.png");
    String base = "/_matrix/client/v1/media/thumbnail/" + path(mxc);

    List<CompletableFuture<HttpResponse<byte[]>>> parallel = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      parallel.add(
          sendAsync(
              request(base + "?method=scale&width=" + (1900 + i) + "&height=1900", bob).GET()));
    }
    byte[] rendered = null;
    for (CompletableFuture<HttpResponse<byte[]>> future : parallel) {
      HttpResponse<byte[]> response = future.get(3, TimeUnit.MINUTES);
      Reply reply = new Reply(response.statusCode(), response.body(), response.headers());
      if (reply.status() == 200) {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.body()));
        assertEquals(2048, image.getWidth(), "served from the kept 2048 × 2048 size");
        rendered = reply.body();
      } else {
        assertError(reply, 429, "M_LIMIT_EXCEEDED");
      }
    }
    assertTrue(rendered != null, "at least one render was answered");

    long start = System.nanoTime();
    Reply kept = send(request(base + "?method=scale&width=1500&height=1500", bob).GET());
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, kept.status(), kept.text());
    assertArrayEquals(rendered, kept.body(), "the kept thumbnail, not a new render");
    System.out.println("kept thumbnail of the bomb served in " + tookMs + " ms");
  }

  /**
   * A PNG of {@code width × height} 16-bit RGBA pixels, all zero: tiny compressed, huge decoded.
   */
  private static byte[] pngBomb(int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream png = new DataOutputStream(out);
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header =
        ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6);
    chunk(png, "IHDR", header.array());
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream zlib =
        new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
      byte[] row = new byte[1 + width * 8];
      for (int y = 0; y < height; y++) {
        zlib.write(row);
      }
    }
    chunk(png, "IDAT", compressed.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    png.writeInt(data.length);
    png.write(name);
    png.write(data);
    png.writeInt((int) crc.getValue());
  }

  @Test
  void thumbnailOfSomethingThatIsNotAnImageIsRefused() throws Exception {
    String text = upload(alice, "hello".getBytes(), "text/plain", null);
    assertError(
        send(
            request(
                    "/_matrix/client/v1/media/thumbnail/" + path(text) + "?width=32&height=32",
                    alice)
                .GET()),
        400,
        "M_UNKNOWN");
    String fake = upload(alice, "not a png".getBytes(), "image/png", null);
    assertError(
        send(
            request(
                    "/_matrix/client/v1/media/thumbnail/" + path(fake) + "?width=32&height=32",
                    alice)
                .GET()),
        400,
        "M_UNKNOWN");
  }

  @Test
  void reservedUriTakesItsContentOnceFromItsCreatorOnly() throws Exception {
    Reply created =
        send(request("/_matrix/media/v1/create", alice).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, created.status(), created.text());
    String mxc = created.json().getString("content_uri");
    assertTrue(
        created.json().getJsonNumber("unused_expires_at").longValue() > System.currentTimeMillis());

    assertError(
        send(
            request("/_matrix/client/v1/media/download/" + path(mxc) + "?timeout_ms=0", alice)
                .GET()),
        504,
        "M_NOT_YET_UPLOADED");
    assertError(
        send(
            request("/_matrix/media/v3/upload/" + path(mxc), bob)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("bob's"))),
        403,
        "M_FORBIDDEN");

    Reply put =
        send(
            request("/_matrix/media/v3/upload/" + path(mxc) + "?filename=note.txt", alice)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("alice's")));
    assertEquals(200, put.status(), put.text());
    Reply download = send(request("/_matrix/client/v1/media/download/" + path(mxc), bob).GET());
    assertEquals("alice's", download.text());
    assertEquals("inline; filename=note.txt", download.header("Content-Disposition"));

    assertError(
        send(
            request("/_matrix/media/v3/upload/" + path(mxc), alice)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("again"))),
        409,
        "M_CANNOT_OVERWRITE_MEDIA");
    assertError(
        send(
            request("/_matrix/media/v3/upload/" + path(mxc).split("/")[0] + "/NeverCreated", alice)
                .PUT(HttpRequest.BodyPublishers.ofString("x"))),
        404,
        "M_NOT_FOUND");
  }

  /**
   * Finding 6: downloads waiting for a reserved upload used to sleep on a worker thread, so ~40 of
   * them stalled every request of the server. They now park without a thread, at most 2 per user
   * and 50 per node (429 beyond), and all answer once the content arrives.
   */
  @Test
  void sixtyWaitingDownloadsLeaveTheServerResponsiveAndBeyondTheLimitsAreRateLimited()
      throws Exception {
    Reply created =
        send(request("/_matrix/media/v1/create", alice).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, created.status(), created.text());
    String mxc = created.json().getString("content_uri");
    String waitPath = "/_matrix/client/v1/media/download/" + path(mxc) + "?timeout_ms=60000";
    List<Account> waiters = new ArrayList<>();
    for (int i = 0; i < 29; i++) {
      waiters.add(MatrixAccounts.register("media-waiter"));
    }

    List<CompletableFuture<HttpResponse<byte[]>>> waiting = new ArrayList<>();
    waiting.add(sendAsync(request(waitPath, bob).GET()));
    waiting.add(sendAsync(request(waitPath, bob).GET()));
    Thread.sleep(1000);
    assertError(send(request(waitPath, bob).GET()), 429, "M_LIMIT_EXCEEDED");

    for (Account waiter : waiters) {
      waiting.add(sendAsync(request(waitPath, waiter).GET()));
      waiting.add(sendAsync(request(waitPath, waiter).GET()));
    }
    Thread.sleep(2000);
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      Reply versions = send(request("/_matrix/client/versions", null).GET());
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, versions.status(), versions.text());
      assertTrue(tookMs < 1000, "/versions took " + tookMs + " ms while downloads wait");
    }

    Reply put =
        send(
            request("/_matrix/media/v3/upload/" + path(mxc), alice)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("finally here")));
    assertEquals(200, put.status(), put.text());
    int served = 0;
    int limited = 0;
    for (CompletableFuture<HttpResponse<byte[]>> future : waiting) {
      HttpResponse<byte[]> response = future.get(60, TimeUnit.SECONDS);
      Reply reply = new Reply(response.statusCode(), response.body(), response.headers());
      if (reply.status() == 200) {
        assertEquals("finally here", reply.text());
        served++;
      } else {
        assertError(reply, 429, "M_LIMIT_EXCEEDED");
        limited++;
      }
    }
    assertEquals(50, served, "the node's limit of waiting downloads");
    assertEquals(10, limited, "the waits beyond the node's limit");
  }

  @Test
  void aDownloadWhoseUploadNeverArrivesAnswersNotYetUploadedAtItsTimeout() throws Exception {
    Reply created =
        send(request("/_matrix/media/v1/create", alice).POST(HttpRequest.BodyPublishers.noBody()));
    String mxc = created.json().getString("content_uri");
    long start = System.nanoTime();
    assertError(
        send(
            request("/_matrix/client/v1/media/download/" + path(mxc) + "?timeout_ms=1500", bob)
                .GET()),
        504,
        "M_NOT_YET_UPLOADED");
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs >= 1400 && tookMs < 10_000, "answered after " + tookMs + " ms");
  }

  private static CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpRequest.Builder request) {
    return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Finding 24: uploads had no quota. The IT server runs with a quota of 150 MiB per user
   * (arquillian.xml); beyond it uploads are refused as Synapse refuses its media_upload_limits: 400
   * M_RESOURCE_LIMIT_EXCEEDED, declared lengths before the body is read, chunked ones after.
   */
  @Test
  void uploadsBeyondTheUsersStorageQuotaAreRefusedAsSynapseDoes() throws Exception {
    Account keeper = MatrixAccounts.register("media-quota");
    long mib = 1024 * 1024;
    Reply first =
        send(
            request("/_matrix/media/v3/upload", keeper)
                .header("Content-Type", "application/octet-stream")
                .POST(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new GeneratedContent(100 * mib, 7)),
                        100 * mib)));
    assertEquals(200, first.status(), first.text());

    Reply declared =
        send(
            request("/_matrix/media/v3/upload", keeper)
                .header("Content-Type", "application/octet-stream")
                .POST(
                    HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new GeneratedContent(60 * mib, 8)),
                        60 * mib)));
    assertError(declared, 400, "M_RESOURCE_LIMIT_EXCEEDED");

    Reply created =
        send(request("/_matrix/media/v1/create", keeper).POST(HttpRequest.BodyPublishers.noBody()));
    String reserved = created.json().getString("content_uri");
    Reply chunked =
        send(
            request("/_matrix/media/v3/upload/" + path(reserved), keeper)
                .header("Content-Type", "application/octet-stream")
                .PUT(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new GeneratedContent(60 * mib, 9))));
    assertError(chunked, 400, "M_RESOURCE_LIMIT_EXCEEDED");

    // what still fits is taken
    upload(keeper, "small".getBytes(StandardCharsets.UTF_8), "text/plain", null);
  }

  @Test
  void aFloodOfUploadsIsRateLimitedPerUser() throws Exception {
    Account flooder = MatrixAccounts.register("media-flood");
    int accepted = 0;
    Reply refused = null;
    for (int i = 0; i < 80 && refused == null; i++) {
      Reply reply =
          send(
              request("/_matrix/media/v3/upload", flooder)
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("note " + i)));
      if (reply.status() == 200) {
        accepted++;
      } else {
        refused = reply;
      }
    }
    assertTrue(refused != null, "no upload of 80 was refused");
    assertError(refused, 429, "M_LIMIT_EXCEEDED");
    assertTrue(refused.json().containsKey("retry_after_ms"), refused.text());
    assertTrue(accepted >= 30, "the burst of 30 passes, got " + accepted);
    Reply other =
        send(
            request("/_matrix/media/v3/upload", bob)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("someone else")));
    assertEquals(200, other.status(), "the limit is per user: " + other.text());
  }

  @Test
  void configAnnounces110MegabytesAndUrlPreviewsAreRefused() throws Exception {
    Reply config = send(request("/_matrix/client/v1/media/config", alice).GET());
    assertEquals(200, config.status(), config.text());
    assertEquals(115_343_360L, config.json().getJsonNumber("m.upload.size").longValue());
    Reply legacy = send(request("/_matrix/media/v3/config", alice).GET());
    assertEquals(115_343_360L, legacy.json().getJsonNumber("m.upload.size").longValue());
    assertError(
        send(
            request("/_matrix/client/v1/media/preview_url?url=https%3A%2F%2Fexample.org", alice)
                .GET()),
        403,
        "M_FORBIDDEN");
  }
}
