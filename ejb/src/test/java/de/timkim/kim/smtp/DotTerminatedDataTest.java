package de.timkim.kim.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;

class DotTerminatedDataTest {

  private static final String NEXT_COMMAND = "MAIL FROM:<a@b.kim.test>\r\n";

  @Test
  void unstuffsLeadingDotsAndStopsAtTheTerminatorLeavingTheNextCommandUnread() throws IOException {
    InputStream session = session("a\r\n..b\r\n.c\r\n.\r\n" + NEXT_COMMAND, 8192);
    assertEquals("a\r\n.b\r\nc\r\n", text(readAll(new DotTerminatedData(session), 4096)));
    assertEquals(NEXT_COMMAND, text(session.readAllBytes()));
  }

  @Test
  void aDotOnTheFirstLineIsUnstuffedToo() throws IOException {
    // RFC 5321 §4.5.2: the DATA section starts at the beginning of a line; SubEthaSMTP's stream
    // only looked after a CRLF inside the data
    InputStream session = session("..\r\n.\r\n", 8192);
    assertEquals(".\r\n", text(readAll(new DotTerminatedData(session), 4096)));
  }

  @Test
  void aDotAndCrFollowedByMoreIsContentNotTheEnd() throws IOException {
    InputStream session = session(".\rx\r\n.\r\n", 8192);
    assertEquals("\rx\r\n", text(readAll(new DotTerminatedData(session), 1)));
  }

  @Test
  void aBareLfIsReportedOnceAndReadingOnStillStopsAtTheTerminator() throws IOException {
    // RFC 5321 §2.3.8: "\n.\r\n" is no end of data, and the message is to be refused
    InputStream session = session("a\n.\r\n+OK b\r\n.\r\n" + NEXT_COMMAND, 8192);
    DotTerminatedData data = new DotTerminatedData(session);
    byte[] buffer = new byte[4096];
    assertEquals(12, data.read(buffer));
    assertThrows(DotTerminatedData.BareLineEndingException.class, () -> data.read(buffer));
    assertEquals(-1, data.read(buffer));
    assertEquals(NEXT_COMMAND, text(session.readAllBytes()));
  }

  @Test
  void aBareCrIsReportedAtTheEndOfAShortMessage() throws IOException {
    DotTerminatedData data = new DotTerminatedData(session("a\rb\r\n.\r\n", 8192));
    byte[] buffer = new byte[4096];
    assertEquals(5, data.read(buffer));
    assertThrows(DotTerminatedData.BareLineEndingException.class, () -> data.read(buffer));
    assertEquals(-1, data.read(buffer));
  }

  @Test
  void crlfOnlyMessagesAreNeverReported() throws IOException {
    InputStream session = session("a\r\n..b\r\n\r\n.\r\n", 8192);
    assertEquals("a\r\n.b\r\n\r\n", text(new DotTerminatedData(session).readAllBytes()));
  }

  @Test
  void anEmptyMessageIsJustTheTerminator() throws IOException {
    InputStream session = session(".\r\n" + NEXT_COMMAND, 8192);
    assertEquals(-1, new DotTerminatedData(session).read());
    assertEquals(NEXT_COMMAND, text(session.readAllBytes()));
  }

  @Test
  void aConnectionClosedBeforeTheTerminatorIsAnError() {
    InputStream session = session("a\r\nb\r\n", 8192);
    assertThrows(EOFException.class, () -> readAll(new DotTerminatedData(session), 4096));
  }

  /** Random messages full of dots, CRs and LFs, arriving in random pieces, read in random sizes. */
  @Test
  void readsWhatTheLibrarysByteAtATimeStreamsRead() throws IOException {
    Random random = new Random(20261123);
    byte[] alphabet = {'.', '.', '\r', '\n', '\r', '\n', 'a', 'b'};
    for (int round = 0; round < 400; round++) {
      byte[] message = new byte[3 + random.nextInt(3000)];
      // the library does not unstuff a dot on the very first line (see the test below)
      message[0] = 'x';
      message[1] = '\r';
      message[2] = '\n';
      for (int i = 3; i < message.length; i++) {
        message[i] = alphabet[random.nextInt(alphabet.length)];
      }
      byte[] wire = concat(stuffed(message), ".\r\n".getBytes(), NEXT_COMMAND.getBytes());
      byte[] expected =
          new DotUnstuffingInputStream(new DotTerminatedInputStream(new ByteArrayInputStream(wire)))
              .readAllBytes();
      InputStream session = session(wire, 1 + random.nextInt(64));
      byte[] actual = readAll(new DotTerminatedData(session), 1 + random.nextInt(100));
      assertArrayEquals(expected, actual, "round " + round);
      assertEquals(NEXT_COMMAND, text(session.readAllBytes()), "round " + round);
    }
  }

  /** What a client sends: a dot at the start of a line doubled (RFC 5321 §4.5.2). */
  private static byte[] stuffed(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean lineStart = true;
    int last = -1;
    for (byte b : message) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n' && last == '\r';
      last = b;
    }
    if (!lineStart) {
      out.writeBytes("\r\n".getBytes());
    }
    return out.toByteArray();
  }

  /** The session's buffered input over a connection that delivers at most {@code piece} bytes. */
  private static InputStream session(String wire, int piece) {
    return session(wire.getBytes(StandardCharsets.ISO_8859_1), piece);
  }

  private static InputStream session(byte[] wire, int piece) {
    InputStream connection =
        new ByteArrayInputStream(wire) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, piece));
          }

          @Override
          public synchronized int available() {
            return 0;
          }
        };
    return new BufferedInputStream(connection, 8192);
  }

  /**
   * Everything up to the terminator; a bare line end's exception (reported once) is passed over, as
   * the handler's drain after the refusal reads on.
   */
  private static byte[] readAll(InputStream in, int readSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[readSize];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (DotTerminatedData.BareLineEndingException e) {
        continue;
      }
      if (n < 0) {
        return out.toByteArray();
      }
      out.write(buffer, 0, n);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
