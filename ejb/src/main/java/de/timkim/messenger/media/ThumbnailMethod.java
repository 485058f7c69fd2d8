package de.timkim.messenger.media;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;

/** https://spec.matrix.org/v1.11/client-server-api/#thumbnails */
public enum ThumbnailMethod {
  /** Keeps the aspect ratio; fits in the requested box. */
  SCALE,
  /** Fills the requested box exactly, cutting off what sticks out. */
  CROP;

  /** The query parameter; absent means scale, as in Synapse. */
  public static ThumbnailMethod parse(String value) {
    if (value == null || value.equals("scale")) {
      return SCALE;
    }
    if (value.equals("crop")) {
      return CROP;
    }
    throw new MatrixException(ErrorCode.M_INVALID_PARAM, "method must be 'crop' or 'scale'");
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
