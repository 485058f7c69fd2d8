package de.timkim.messenger;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * The one way a Matrix rule says no. web-api turns it into {@code {"errcode", "error"}} with the
 * code's HTTP status; {@link #extra()} carries fields such as {@code retry_after_ms}.
 */
@ApplicationException(rollback = true)
public class MatrixException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;
  private final int httpStatus;
  private final transient Map<String, Object> extra;

  public MatrixException(ErrorCode errorCode, String message) {
    this(errorCode, errorCode.httpStatus(), message, Map.of());
  }

  public MatrixException(
      ErrorCode errorCode, int httpStatus, String message, Map<String, Object> extra) {
    super(message);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.extra = Map.copyOf(extra);
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
