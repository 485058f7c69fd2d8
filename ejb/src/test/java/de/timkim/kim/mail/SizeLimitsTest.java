package de.timkim.kim.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SizeLimitsTest {

  @Test
  void base64LengthMatchesTheJdkMimeEncoderWithFinalLineBreak() {
    for (int n : new int[] {0, 1, 2, 3, 56, 57, 58, 1000, 65_536}) {
      byte[] encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(new byte[n]);
      long expected = n == 0 ? 0 : encoded.length + 2; // the encoder omits the last CRLF
      assertEquals(expected, SizeLimits.base64(n), "n=" + n);
    }
  }

  @Test
  void measuredWireSizeOfAOneMibMessageFitsItsLimit() {
    // 1,986,213 bytes at the Fachdienst for a 1 MiB message through the client module (RSA keys)
    assertTrue(SizeLimits.wireLimit(1024 * 1024) > 1_986_213);
  }

  @Test
  void wireLimitOf25MibIsAbout19TimesNetAndAboveTwiceBase64() {
    long wire = SizeLimits.wireLimit(SizeLimits.NET_LIMIT_BYTES);
    assertEquals(50_262_766, wire);
    double twiceBase64 = SizeLimits.NET_LIMIT_BYTES * Math.pow(4.0 / 3 * 78 / 76, 2);
    assertTrue(wire > twiceBase64, () -> wire + " <= " + twiceBase64);
  }
}
