package de.timkim.messenger.stream;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;

/**
 * The one token format for a stream position ({@code s<position>}), shared by /sync's {@code
 * next_batch}, /messages' {@code from}/{@code to}, /search and /keys/changes: every feature reads
 * and writes positions through it, so a token from one endpoint is valid at another as the spec's
 * "stream token" requires.
 */
public final class StreamToken {

  /**
   * Marks a next_batch whose answer carried to-device messages: using it as since acknowledges
   * them, which a sync that otherwise finds nothing new must still carry out (delete them).
   */
  private static final String ACKNOWLEDGES_TO_DEVICE = "t";

  private StreamToken() {}

  /** The position a token names, null for no token; M_INVALID_PARAM for anything else. */
  public static Long parse(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      if (token.startsWith("s")) {
        String position = token.substring(1);
        if (position.endsWith(ACKNOWLEDGES_TO_DEVICE)) {
          position = position.substring(0, position.length() - ACKNOWLEDGES_TO_DEVICE.length());
        }
        return Long.parseLong(position);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Invalid sync token");
  }

  public static String of(long position) {
    return "s" + position;
  }

  /** The next_batch of an answer that carried to-device messages (see ACKNOWLEDGES_TO_DEVICE). */
  public static String acknowledgingToDevice(long position) {
    return of(position) + ACKNOWLEDGES_TO_DEVICE;
  }

  /** Whether a since token acknowledges to-device messages its answer carried. */
  public static boolean acknowledgesToDevice(String token) {
    return token != null && token.startsWith("s") && token.endsWith(ACKNOWLEDGES_TO_DEVICE);
  }
}
