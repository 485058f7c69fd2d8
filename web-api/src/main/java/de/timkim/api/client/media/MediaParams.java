package de.timkim.api.client.media;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;

/**
 * Parses the media endpoints' numeric parameters here, not through JAX-RS conversion, which would
 * answer a malformed query parameter with 404 instead of M_INVALID_PARAM.
 */
final class MediaParams {

  private MediaParams() {}

  /** Content-Length if the client declared one (chunked uploads do not). */
  static Long contentLength(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Invalid Content-Length");
    }
  }

  static Long optionalLong(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "'" + name + "' must be an integer");
    }
  }

  static int requiredInt(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing '" + name + "'");
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "'" + name + "' must be an integer");
    }
  }
}
