package de.timkim.kim.mailbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what passes and fails with {@link MessageTooLargeException} past {@code limit} bytes. */
public final class SizeLimitedInputStream extends FilterInputStream {

  private final long limit;
  private long count;

  public SizeLimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    advance(skipped);
    return skipped;
  }

  private void advance(long n) throws MessageTooLargeException {
    count += n;
    if (count > limit) {
      throw new MessageTooLargeException(limit);
    }
  }
}
