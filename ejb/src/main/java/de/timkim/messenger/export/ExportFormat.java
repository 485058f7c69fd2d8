package de.timkim.messenger.export;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import java.util.Locale;

/** The file formats of a chat export: the events as clients see them, or a page to read. */
public enum ExportFormat {
  JSON("application/json", "json"),
  HTML("text/html; charset=utf-8", "html");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The format named by the {@code format} parameter (default JSON). */
  public static ExportFormat parse(String value) {
    if (value == null || value.isEmpty()) {
      return JSON;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "format must be json or html");
    }
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }
}
