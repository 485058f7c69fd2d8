package de.timkim.kim.mailbox;

import java.io.IOException;

/** The message grew beyond the size limit while it was being stored; nothing was kept. */
public class MessageTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public MessageTooLargeException(long limit) {
    super("Message exceeds " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
