package de.timkim.kim.accounts;

import jakarta.ejb.ApplicationException;

/**
 * A KIM account operation refused for a reason the caller can act on. Each reason maps to one
 * status of gematik's I_AccountManager_Service error model at the edge; the transaction rolls back,
 * so a refused operation changes nothing.
 */
@ApplicationException(rollback = true)
public class KimAccountException extends RuntimeException {

  /** Why an account operation was refused. */
  public enum Reason {
    /** Malformed or missing input (400). */
    INVALID_INPUT,
    /** The password does not meet {@link KimAccountService#PASSWORD_POLICY_REGEX} (400). */
    WEAK_PASSWORD,
    /** Registration code, password or SMC-B authentication wrong (401). */
    AUTHENTICATION_FAILED,
    /** The account is not deregistered, so there is nothing to revoke (403). */
    NOT_DEREGISTERED,
    /** No account with this address (404). */
    NO_SUCH_ACCOUNT,
    /** The address already has an account (409). */
    ADDRESS_TAKEN,
    /** The client's KIM version is not one this Fachdienst serves (422). */
    UNSUPPORTED_KIM_VERSION,
    /** The directory (card certificate through the Konnektor) could not be read (502). */
    DIRECTORY_UNAVAILABLE
  }

  private final Reason reason;

  public KimAccountException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
