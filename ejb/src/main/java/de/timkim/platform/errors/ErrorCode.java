package de.timkim.platform.errors;

/**
 * Matrix error codes with the HTTP status each is answered with
 * (https://spec.matrix.org/v1.11/client-server-api/#standard-error-response).
 */
public enum ErrorCode {
  M_FORBIDDEN(403),
  M_UNKNOWN_TOKEN(401),
  M_MISSING_TOKEN(401),
  M_BAD_JSON(400),
  M_NOT_JSON(400),
  M_NOT_FOUND(404),
  M_LIMIT_EXCEEDED(429),
  M_UNRECOGNIZED(404),
  M_UNKNOWN(500),
  M_UNAUTHORIZED(401),
  M_USER_DEACTIVATED(403),
  M_USER_IN_USE(400),
  M_INVALID_USERNAME(400),
  M_ROOM_IN_USE(400),
  M_INVALID_ROOM_STATE(400),
  M_THREEPID_IN_USE(400),
  M_UNSUPPORTED_ROOM_VERSION(400),
  M_INCOMPATIBLE_ROOM_VERSION(400),
  M_BAD_STATE(400),
  M_GUEST_ACCESS_FORBIDDEN(403),
  M_MISSING_PARAM(400),
  M_INVALID_PARAM(400),
  M_TOO_LARGE(413),
  M_EXCLUSIVE(400),
  M_RESOURCE_LIMIT_EXCEEDED(403),
  M_CANNOT_LEAVE_SERVER_NOTICE_ROOM(403),
  M_NOT_YET_UPLOADED(504),
  M_CANNOT_OVERWRITE_MEDIA(409),
  M_UNABLE_TO_AUTHORISE_JOIN(400),
  M_WEAK_PASSWORD(400),
  M_BAD_ALIAS(400),
  M_WRONG_ROOM_KEYS_VERSION(403),
  M_INVALID_SIGNATURE(400);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
