package de.timkim.platform.errors;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * The one way a Matrix rule says no. web-api turns it into {@code {"errcode", "error"}} with the
 * code's HTTP status; {@link #extra()} carries further fields such as {@code retry_after_ms} or a
 * user-interactive authentication's {@code flows} (numbers, booleans, strings or JSON values).
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

  /** Too many requests: answered 429 with retry_after_ms. */
  public static MatrixException rateLimited(long retryAfterMs) {
    return new MatrixException(
        ErrorCode.M_LIMIT_EXCEEDED,
        429,
        "Too many requests; retry in " + retryAfterMs + " ms",
        Map.of("retry_after_ms", retryAfterMs));
  }

  /**
   * A refusal whose side effects must be committed, not rolled back: a user-interactive
   * authentication session just started, tokens revoked because a refresh token was replayed.
   */
  @ApplicationException(rollback = false)
  public static class KeepingChanges extends MatrixException {
    private static final long serialVersionUID = 1L;

    public KeepingChanges(
        ErrorCode errorCode, int httpStatus, String message, Map<String, Object> extra) {
      super(errorCode, httpStatus, message, extra);
    }
  }
}
