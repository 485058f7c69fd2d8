package de.timkim.messenger.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload's body as it streams through: counts the bytes, hashes them (SHA-256) and fails with
 * {@link TooLargeException} as soon as one byte more than the limit arrives, which is the only way
 * to catch a chunked upload (no Content-Length) that is too large. It never reads more than one
 * byte past the limit. Whether a failure came from the client's side is remembered, so the caller
 * can tell an interrupted upload from a storage failure.
 */
public final class UploadStream extends FilterInputStream {

  private final long limit;
  private final MessageDigest sha256;
  private long count;
  private boolean sourceFailed;

  public UploadStream(InputStream source, long limit) {
    super(source);
    this.limit = limit;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    // never ask the client for more than one byte beyond the limit
    int wanted = (int) Math.min(length, limit - count + 1);
    int n;
    try {
      n = super.read(buffer, offset, wanted);
    } catch (IOException e) {
      sourceFailed = true;
      throw e;
    }
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new TooLargeException(limit);
      }
      sha256.update(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("An upload cannot be skipped");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  /** Lower-case hex SHA-256 of the bytes read so far; call once, at the end. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** True when reading from the client failed (connection lost, body shorter than declared). */
  public boolean sourceFailed() {
    return sourceFailed;
  }

  /** The upload is larger than the limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long limit) {
      super("Upload larger than " + limit + " bytes");
    }
  }
}
