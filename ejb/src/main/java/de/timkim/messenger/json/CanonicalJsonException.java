package de.timkim.messenger.json;

/** The value cannot be expressed in canonical JSON (a float, an integer beyond 2^53). */
public class CanonicalJsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public CanonicalJsonException(String message) {
    super(message);
  }
}
