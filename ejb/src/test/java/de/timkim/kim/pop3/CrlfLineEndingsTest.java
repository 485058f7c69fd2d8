package de.timkim.kim.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrlfLineEndingsTest {

  @Test
  void bareLfAndBareCrBecomeCrlfAndCrlfStays() throws IOException {
    assertEquals("a\r\nb\r\nc\r\nd\r\n\r\n", normalised("a\nb\rc\r\nd\r\r\n", 4096));
  }

  @Test
  void aCrAtTheEndGetsItsLf() throws IOException {
    assertEquals("a\r\n", normalised("a\r", 1));
  }

  @Test
  void aBareLfDotLineIsDotStuffedAfterwards() throws IOException {
    // the injection of the review: a bare LF, a dot line, a fake POP3 answer
    InputStream pop3 =
        new DotStuffedMessage(new CrlfLineEndings(stream("Zeile\n.\r\n+OK fake\r\n")));
    assertEquals("Zeile\r\n..\r\n+OK fake\r\n", text(pop3.readAllBytes()));
  }

  /** Random line ends read in random sizes: the result is the same as a byte-at-a-time rewrite. */
  @Test
  void readSizesDoNotMatter() throws IOException {
    Random random = new Random(20261203);
    char[] alphabet = {'\r', '\n', 'a', '.'};
    for (int round = 0; round < 300; round++) {
      StringBuilder message = new StringBuilder();
      for (int i = random.nextInt(500); i > 0; i--) {
        message.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String expected =
          message.toString().replace("\r\n", "\u0000").replace("\r", "\n").replace("\n", "\r\n");
      expected = expected.replace("\u0000", "\r\n");
      assertEquals(
          expected, normalised(message.toString(), 1 + random.nextInt(7)), "round " + round);
    }
  }

  private static String normalised(String message, int readSize) throws IOException {
    InputStream in = new CrlfLineEndings(stream(message));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[readSize];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
    }
    return text(out.toByteArray());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
