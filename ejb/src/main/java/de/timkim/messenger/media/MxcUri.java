package de.timkim.messenger.media;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * An {@code mxc://<server-name>/<media-id>} URI. Both parts are checked against the spec's
 * whitelist (https://spec.matrix.org/v1.11/client-server-api/#security-considerations-5): server
 * names as in the appendix, media IDs only {@code A-Za-z0-9_-}, so neither can walk out of the
 * media store.
 */
public record MxcUri(String serverName, String mediaId) {

  private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  // https://spec.matrix.org/v1.11/appendices/#server-name: IPv4, [IPv6] or DNS name, optional port
  private static final Pattern SERVER_NAME =
      Pattern.compile(
          "(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){0,127})(:[0-9]{1,5})?");

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  public MxcUri {
    if (serverName == null || !SERVER_NAME.matcher(serverName).matches()) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Invalid server name");
    }
    if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Invalid media ID");
    }
  }

  /** A fresh media ID on {@code serverName}: 24 random letters, as Synapse makes them. */
  public static MxcUri random(String serverName) {
    return new MxcUri(serverName, randomLetters(24));
  }

  static String randomLetters(int count) {
    StringBuilder letters = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      letters.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return letters.toString();
  }

  @Override
  public String toString() {
    return "mxc://" + serverName + "/" + mediaId;
  }
}
