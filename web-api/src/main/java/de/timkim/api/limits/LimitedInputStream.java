package de.timkim.api.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes at most {@code limit} bytes on and fails with M_TOO_LARGE on the first byte beyond. */
final class LimitedInputStream extends FilterInputStream {

  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    // never ask for more than one byte past the limit: that byte is what proves it too large
    int wanted = (int) Math.min(length, Math.max(1, limit - count + 1));
    int n = super.read(buffer, offset, wanted);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, Math.max(1, limit - count + 1)));
    counted(skipped);
    return skipped;
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      throw RequestBodyLimit.tooLarge(limit);
    }
  }
}
