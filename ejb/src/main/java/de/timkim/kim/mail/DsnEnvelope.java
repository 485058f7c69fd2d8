package de.timkim.kim.mail;

/**
 * The MAIL FROM parameters of RFC 3461 §4.3/§4.4: whether a failure report returns the full message
 * or its headers ({@code RET}), and the sender's identifier for the transaction ({@code ENVID},
 * xtext as given, or null).
 */
public record DsnEnvelope(boolean returnFull, String envelopeId) {

  /** No DSN parameters on MAIL FROM. */
  public static final DsnEnvelope NONE = new DsnEnvelope(false, null);
}
