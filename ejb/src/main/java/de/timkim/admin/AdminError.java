package de.timkim.admin;

import de.timkim.platform.errors.ErrorCode;

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
  RESERVED_USERNAME(
      ErrorCode.M_USER_IN_USE, "This user name is reserved for messages from the server"),
  ADMIN_EXISTS(ErrorCode.M_USER_IN_USE, "This admin user name is already taken"),
  WEAK_ADMIN_PASSWORD(ErrorCode.M_WEAK_PASSWORD, "An admin password needs at least 12 characters"),
  INVALID_NAME(ErrorCode.M_INVALID_PARAM, "A name is 1 to 255 characters"),
  INVALID_VALIDITY(ErrorCode.M_INVALID_PARAM, "A code is valid for 1 to 720 hours"),
  ALREADY_REGISTERED(ErrorCode.M_INVALID_PARAM, "This user has already registered"),
  WRONG_SECOND_FACTOR(ErrorCode.M_FORBIDDEN, "The one-time code is wrong or already used"),
  SECOND_FACTOR_REQUIRED(ErrorCode.M_UNAUTHORIZED, "A one-time code (TOTP) is required"),
  SECOND_FACTOR_NOT_ENROLLED(
      ErrorCode.M_FORBIDDEN,
      "This account has no second factor yet: sign in to the portal once and enrol an"
          + " authenticator app (TOTP) before using the REST API"),
  ENROLMENT_IN_PROGRESS(
      ErrorCode.M_FORBIDDEN,
      "A second-factor enrolment for this account is already under way; it expires 10 minutes"
          + " after it was started"),
  ENROLMENT_EXPIRED(
      ErrorCode.M_FORBIDDEN, "The second-factor enrolment expired; sign in again to start anew"),
  INVALID_REGISTRATION_CODE(
      ErrorCode.M_FORBIDDEN, "The registration code is unknown, expired or already used"),
  INVALID_CHALLENGE(
      ErrorCode.M_FORBIDDEN,
      "The challenge is unknown, expired or already answered; request a new one"),
  BAD_SIGNATURE(
      ErrorCode.M_FORBIDDEN, "The signature does not match the challenge and the certificate"),
  UNTRUSTED_CERTIFICATE(
      ErrorCode.M_FORBIDDEN,
      "The certificate is not a valid SMC-B authentication certificate (C.HCI.AUT) of the TI"),
  REVOKED_CERTIFICATE(
      ErrorCode.M_FORBIDDEN, "The SMC-B certificate is revoked (OCSP); register with a valid card"),
  CERTIFICATE_STATUS_UNAVAILABLE(
      ErrorCode.M_FORBIDDEN,
      "The SMC-B certificate's revocation status cannot be established (OCSP responder unknown,"
          + " unreachable or without a valid answer); try again later"),
  ORGANISATION_EXISTS(
      ErrorCode.M_INVALID_PARAM, "An organisation with this Telematik-ID is already registered"),
  UNKNOWN_ORGANISATION(ErrorCode.M_NOT_FOUND, "No such organisation"),
  UNKNOWN_REPORT(ErrorCode.M_NOT_FOUND, "No such report of your organisation"),
  FOREIGN_SENDER(
      ErrorCode.M_FORBIDDEN,
      "The reported event was not sent by a user of your organisation; only its organisation can"
          + " act on it"),
  EVENT_GONE(ErrorCode.M_NOT_FOUND, "The reported event no longer exists"),
  INVALID_NOTICE(ErrorCode.M_INVALID_PARAM, "A notice is 1 to 4000 characters"),
  INVALID_RETENTION(ErrorCode.M_INVALID_PARAM, "Retention is off, 3, 6, 9 or 12 months"),
  INVALID_DEPARTMENT(ErrorCode.M_INVALID_PARAM, "A department name is 1 to 255 characters"),
  INVALID_CONTACT(
      ErrorCode.M_INVALID_PARAM,
      "A phone number is up to 64 characters of digits, spaces and + ( ) / -; an e-mail address"
          + " needs an @"),
  UNKNOWN_ENTRY(ErrorCode.M_NOT_FOUND, "No such directory entry of your organisation"),
  INVALID_KIM_ADDRESS(ErrorCode.M_INVALID_PARAM, "Not a KIM address"),
  KIM_ADDRESS_TAKEN(
      ErrorCode.M_INVALID_PARAM, "This KIM address is already assigned to an organisation");

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
