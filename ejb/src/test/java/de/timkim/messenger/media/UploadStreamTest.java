package de.timkim.messenger.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UploadStreamTest {

  /** A stream of {@code length} bytes that never exists in memory as a whole. */
  private static InputStream generated(long length) {
    return new InputStream() {
      long left = length;

      @Override
      public int read() {
        return left-- > 0 ? (int) (left & 0x7f) : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) ((left - 1 - i) & 0x7f);
        }
        left -= n;
        return n;
      }
    };
  }

  @Test
  void exactlyTheLimitIsAcceptedAndCounted() throws IOException {
    UploadStream stream = new UploadStream(generated(115_343_360L), 115_343_360L);
    long copied = stream.transferTo(OutputStream.nullOutputStream());
    assertEquals(115_343_360L, copied);
    assertEquals(115_343_360L, stream.count());
  }

  @Test
  void oneByteOverTheLimitFailsWithTooLarge() {
    UploadStream stream = new UploadStream(generated(115_343_361L), 115_343_360L);
    assertThrows(
        UploadStream.TooLargeException.class,
        () -> stream.transferTo(OutputStream.nullOutputStream()));
  }

  @Test
  void neverReadsMoreThanOneBytePastTheLimit() {
    ByteArrayInputStream source = new ByteArrayInputStream(new byte[1000]);
    UploadStream stream = new UploadStream(source, 10);
    assertThrows(UploadStream.TooLargeException.class, () -> stream.read(new byte[500]));
    assertEquals(1000 - 11, source.available());
  }

  @Test
  void singleByteReadsCountToo() throws IOException {
    UploadStream stream = new UploadStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 2);
    assertEquals(1, stream.read());
    assertEquals(2, stream.read());
    assertThrows(UploadStream.TooLargeException.class, stream::read);
  }

  @Test
  void hashIsTheSha256OfWhatWasRead() throws Exception {
    byte[] data = "hello media".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    UploadStream stream = new UploadStream(new ByteArrayInputStream(data), 100);
    stream.transferTo(OutputStream.nullOutputStream());
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    assertEquals(expected, stream.sha256Hex());
  }

  @Test
  void failureOfTheClientSideIsRemembered() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    UploadStream stream = new UploadStream(broken, 100);
    assertThrows(IOException.class, () -> stream.read(new byte[10]));
    assertTrue(stream.sourceFailed());
  }
}
