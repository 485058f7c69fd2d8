package de.timkim.kim.clientmodule.smime;

/** S/MIME could not be made or opened; the message says why, without content. */
public class SmimeException extends Exception {
  private static final long serialVersionUID = 1L;

  public SmimeException(String message) {
    super(message);
  }

  public SmimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
