package de.timkim.api.client.media;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The Content-Disposition of served media. Only the spec's list of types that cannot run script are
 * {@code inline} (https://spec.matrix.org/v1.11/client-server-api/#serving-inline-content);
 * everything else is an {@code attachment}, so a browser never renders an uploaded HTML or SVG file
 * in the homeserver's origin. File names that are a plain HTTP token go as {@code filename=};
 * anything else as RFC 6266 / RFC 5987 {@code filename*=utf-8''...}, as Synapse does.
 */
final class ContentDisposition {

  static final Set<String> INLINE_TYPES =
      Set.of(
          "text/css",
          "text/plain",
          "text/csv",
          "application/json",
          "application/ld+json",
          "image/jpeg",
          "image/gif",
          "image/png",
          "image/apng",
          "image/webp",
          "image/avif",
          "video/mp4",
          "video/webm",
          "video/ogg",
          "video/quicktime",
          "audio/mp4",
          "audio/webm",
          "audio/aac",
          "audio/mpeg",
          "audio/ogg",
          "audio/wave",
          "audio/wav",
          "audio/x-wav",
          "audio/x-pn-wav",
          "audio/flac",
          "audio/x-flac");

  /** RFC 2616 separators: a file name containing one cannot be a bare token. */
  private static final String SEPARATORS = "()<>@,;:\\\"/[]?={}";

  /** RFC 5987 attr-char: what may stay unencoded in an ext-value. */
  private static final String ATTR_CHARS = "!#$&+-.^_`|~";

  private ContentDisposition() {}

  static String of(String contentType, String fileName) {
    String disposition = isInline(contentType) ? "inline" : "attachment";
    if (fileName == null || fileName.isEmpty()) {
      return disposition;
    }
    if (isToken(fileName)) {
      return disposition + "; filename=" + fileName;
    }
    return disposition + "; filename*=utf-8''" + encode(fileName);
  }

  static boolean isInline(String contentType) {
    return contentType != null
        && INLINE_TYPES.contains(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
  }

  private static boolean isToken(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 32 || c >= 127 || SEPARATORS.indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || ATTR_CHARS.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
