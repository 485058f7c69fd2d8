package de.timkim.kim.mail;

/** The conditions of RCPT TO's NOTIFY parameter (RFC 3461 §4.1). */
public enum Notify {
  SUCCESS,
  FAILURE,
  DELAY
}
