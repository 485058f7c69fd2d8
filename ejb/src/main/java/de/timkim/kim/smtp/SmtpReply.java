package de.timkim.kim.smtp;

import org.subethamail.smtp.RejectException;

/**
 * A negative SMTP reply with its RFC 3463 enhanced status code: the one way KIM's SMTP rules say
 * no. Turned into the library's {@link RejectException} in one place, {@link #toWire()}.
 */
public final class SmtpReply extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String enhancedCode;

  private SmtpReply(int code, String enhancedCode, String text) {
    super(text);
    this.code = code;
    this.enhancedCode = enhancedCode;
  }

  public static SmtpReply reject(int code, String enhancedCode, String text) {
    return new SmtpReply(code, enhancedCode, text);
  }

  public int code() {
    return code;
  }

  public String enhancedCode() {
    return enhancedCode;
  }

  RejectException toWire() {
    return new RejectException(code, enhancedCode + " " + getMessage());
  }
}
