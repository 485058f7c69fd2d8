package de.timkim.kim.pop3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.james.protocols.pop3.core.CRLFTerminatedInputStream;
import org.apache.james.protocols.pop3.core.ExtraDotInputStream;
import org.junit.jupiter.api.Test;

class DotStuffedMessageTest {

  @Test
  void doublesLeadingDotsAndLeavesTheTerminatorToTheResponse() throws IOException {
    assertEquals("..a\r\nb.\r\n...\r\n", text(read(message(".a\r\nb.\r\n..\r\n"), 4096)));
  }

  @Test
  void addsTheMissingFinalCrlf() throws IOException {
    assertEquals("a\r\n", text(read(message("a"), 4096)));
  }

  @Test
  void aStuffedDotSplitAcrossReadsIsNotLost() throws IOException {
    assertEquals("..\r\n", text(read(message(".\r\n"), 1)));
  }

  @Test
  void tellsHowMuchCanBeReadWithoutBlocking() throws IOException {
    InputStream message = message("ab\r\n.c\r\n");
    assertEquals(8, message.available());
    byte[] start = new byte[3];
    assertEquals(3, message.read(start));
    // at least the stored bytes left; the stuffed dot comes on top
    assertEquals(5, message.available());
    assertEquals("\n..c\r\n", text(read(message, 4096)));
  }

  /** Random messages full of dots, CRs and LFs, read in random sizes. */
  @Test
  void sendsWhatJamesByteAtATimeStreamsSend() throws IOException {
    Random random = new Random(20261123);
    byte[] alphabet = {'.', '.', '\r', '\n', '\r', '\n', 'a', 'b'};
    for (int round = 0; round < 400; round++) {
      byte[] content = new byte[random.nextInt(3000)];
      for (int i = 0; i < content.length; i++) {
        content[i] = alphabet[random.nextInt(alphabet.length)];
      }
      byte[] expected =
          new CRLFTerminatedInputStream(new ExtraDotInputStream(new ByteArrayInputStream(content)))
              .readAllBytes();
      byte[] actual =
          read(new DotStuffedMessage(new ByteArrayInputStream(content)), 1 + random.nextInt(100));
      assertArrayEquals(expected, actual, "round " + round);
    }
  }

  private static InputStream message(String content) {
    return new DotStuffedMessage(
        new ByteArrayInputStream(content.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static byte[] read(InputStream in, int readSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[readSize];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
