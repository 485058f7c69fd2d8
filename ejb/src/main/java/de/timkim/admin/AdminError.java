package de.timkim.admin;

import de.timkim.messenger.ErrorCode;

/**
 * Why an administrative request was refused. The portal shows {@code messageKey} from its bundle
 * (German or English); the REST API answers with the Matrix error code and the English text.
 */
public enum AdminError {
  NOT_YOUR_ORGANISATION(ErrorCode.M_FORBIDDEN, "This belongs to another organisation"),
  OPERATOR_ONLY(ErrorCode.M_FORBIDDEN, "Only the operator may do this"),
  UNKNOWN_USER(ErrorCode.M_NOT_FOUND, "No such user"),
  UNKNOWN_DEVICE(ErrorCode.M_NOT_FOUND, "No such device"),
  INVALID_SUBDOMAIN(
      ErrorCode.M_INVALID_PARAM,
      "A sub-domain is 1 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-'"),
  SUBDOMAIN_TAKEN(ErrorCode.M_INVALID_PARAM, "This sub-domain is already taken"),
  INVALID_USERNAME(
      ErrorCode.M_INVALID_USERNAME,
      "A user name is 1 to 64 characters of a-z, 0-9, '.', '_', '=', '-', '/' and '+'"),
  USER_EXISTS(ErrorCode.M_USER_IN_USE, "This user already exists"),
  ADMIN_EXISTS(ErrorCode.M_USER_IN_USE, "This admin user name is already taken"),
  WEAK_ADMIN_PASSWORD(ErrorCode.M_WEAK_PASSWORD, "An admin password needs at least 12 characters"),
  INVALID_NAME(ErrorCode.M_INVALID_PARAM, "A name is 1 to 255 characters"),
  INVALID_VALIDITY(ErrorCode.M_INVALID_PARAM, "A code is valid for 1 to 720 hours"),
  ALREADY_REGISTERED(ErrorCode.M_INVALID_PARAM, "This user has already registered"),
  WRONG_SECOND_FACTOR(ErrorCode.M_FORBIDDEN, "The one-time code is wrong or already used"),
  SECOND_FACTOR_REQUIRED(ErrorCode.M_UNAUTHORIZED, "A one-time code (TOTP) is required");

  private final ErrorCode errorCode;
  private final String english;

  AdminError(ErrorCode errorCode, String english) {
    this.errorCode = errorCode;
    this.english = english;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public String english() {
    return english;
  }

  /** Key of the portal's message bundle, e.g. {@code error.SUBDOMAIN_TAKEN}. */
  public String messageKey() {
    return "error." + name();
  }
}
