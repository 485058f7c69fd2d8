package de.timkim.it.media;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pseudo-random bytes of a given length, made on the fly (xorshift), so tests can upload 110 MB
 * without holding them and know the SHA-256 of what they sent.
 */
final class GeneratedContent extends InputStream {

  private long left;
  private long state;

  GeneratedContent(long length, long seed) {
    this.left = length;
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (left <= 0) {
      return -1;
    }
    int n = (int) Math.min(length, left);
    for (int i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      buffer[offset + i] = (byte) state;
    }
    left -= n;
    return n;
  }

  /** SHA-256 (hex) of everything {@code in} yields, read in a stream. */
  static String sha256(InputStream in) throws java.io.IOException {
    try (DigestInputStream digesting =
        new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
