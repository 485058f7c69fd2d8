package de.timkim.messenger.json;

import jakarta.ejb.ApplicationException;

/**
 * The value cannot be expressed in canonical JSON (a float, an integer beyond 2^53). The value
 * comes from a client's request (event content), so it is the client's mistake: an application
 * exception, answered 400 M_BAD_JSON by web-api as Synapse does, not an EJB system failure that
 * logs a stack trace and answers 500.
 */
@ApplicationException(rollback = true)
public class CanonicalJsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public CanonicalJsonException(String message) {
    super(message);
  }
}
