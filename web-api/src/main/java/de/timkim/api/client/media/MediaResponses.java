package de.timkim.api.client.media;

import de.timkim.messenger.media.MediaContent;
import de.timkim.platform.json.Jsonp;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Turns {@link MediaContent} into a streamed HTTP response: the bytes go from the store to the
 * socket in 64 KiB steps, never whole into memory, with the headers the spec and Synapse send.
 */
final class MediaResponses {

  private static final Logger LOG = Logger.getLogger(MediaResponses.class.getName());

  /**
   * The spec's recommended policy plus media-src, as Synapse sends it: even if a browser renders a
   * file, it runs sandboxed with no script
   * (https://spec.matrix.org/v1.11/client-server-api/#content-repository).
   */
  static final String CONTENT_SECURITY_POLICY =
      "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf;"
          + " style-src 'unsafe-inline'; media-src 'self'; object-src 'self';";

  /** Text types get an explicit charset when the uploader gave none (Synapse's list). */
  private static final Set<String> TEXT_TYPES =
      Set.of(
          "text/css",
          "text/csv",
          "text/html",
          "text/calendar",
          "text/plain",
          "text/javascript",
          "application/json",
          "application/ld+json",
          "application/rtf",
          "image/svg+xml",
          "text/xml");

  private static final int BUFFER = 64 * 1024;

  private MediaResponses() {}

  static Response stream(MediaContent content, String rangeHeader) {
    long length = content.length();
    ByteRange range = ByteRange.parse(rangeHeader, length);
    if (range != null && !range.satisfiable()) {
      return securityHeaders(Response.status(416))
          .header("Content-Range", "bytes */" + length)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              Jsonp.createObjectBuilder()
                  .add("errcode", "M_INVALID_PARAM")
                  .add("error", "Range not satisfiable")
                  .build())
          .build();
    }
    long offset = range == null ? 0 : range.first();
    long count = range == null ? length : range.length();
    Response.ResponseBuilder response =
        range == null
            ? Response.ok()
            : Response.status(206)
                .header(
                    "Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
    StreamingOutput body = out -> copy(content, offset, count, out);
    return securityHeaders(response)
        .entity(body)
        .header(HttpHeaders.CONTENT_TYPE, contentType(content.contentType()))
        .header(HttpHeaders.CONTENT_LENGTH, count)
        .header(
            "Content-Disposition", ContentDisposition.of(content.contentType(), content.fileName()))
        .header("Accept-Ranges", "bytes")
        .header(HttpHeaders.ETAG, "\"" + content.etag() + "\"")
        // media never changes; private: it was fetched with the user's access token
        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
        .build();
  }

  private static Response.ResponseBuilder securityHeaders(Response.ResponseBuilder response) {
    return response
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("Cross-Origin-Resource-Policy", "cross-origin")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex, nofollow, noarchive, noimageindex");
  }

  private static String contentType(String stored) {
    String type = stored == null ? "application/octet-stream" : stored;
    if (TEXT_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
      return type + "; charset=UTF-8";
    }
    return type;
  }

  /**
   * A client that goes away mid-download is normal and not logged as an error; a store that fails
   * to deliver is.
   */
  private static void copy(MediaContent content, long offset, long count, OutputStream out)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = content.open(offset)) {
      long left = count;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException("Media store delivered " + (count - left) + " of " + count);
        }
        try {
          out.write(buffer, 0, n);
        } catch (IOException clientGone) {
          LOG.fine(() -> "Client went away during a media download: " + clientGone);
          return;
        }
        left -= n;
      }
    }
  }
}
