package de.timkim.admin.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpTest {

  private static final byte[] RFC_SHA1_KEY =
      "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 Appendix B, SHA1 column (eight digits). */
  @Test
  void matchesTheRfc6238TestVectors() {
    assertEquals("94287082", Totp.code(RFC_SHA1_KEY, Totp.step(59_000L), 8));
    assertEquals("07081804", Totp.code(RFC_SHA1_KEY, Totp.step(1_111_111_109_000L), 8));
    assertEquals("14050471", Totp.code(RFC_SHA1_KEY, Totp.step(1_111_111_111_000L), 8));
    assertEquals("89005924", Totp.code(RFC_SHA1_KEY, Totp.step(1_234_567_890_000L), 8));
    assertEquals("69279037", Totp.code(RFC_SHA1_KEY, Totp.step(2_000_000_000_000L), 8));
    assertEquals("65353130", Totp.code(RFC_SHA1_KEY, Totp.step(20_000_000_000_000L), 8));
  }

  @Test
  void base32RoundTripsAndMatchesRfc4648() {
    assertEquals("MZXW6YTBOI", Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("foobar", new String(Totp.fromBase32("MZXW6YTBOI"), StandardCharsets.US_ASCII));
    String secret = Totp.newSecret();
    assertEquals(32, secret.length());
    assertEquals(secret, Totp.base32(Totp.fromBase32(secret)));
  }

  @Test
  void acceptsTheCurrentCodeOnceAndOneStepOfClockSkew() {
    String secret = Totp.base32(RFC_SHA1_KEY);
    long now = 1_234_567_890_000L;
    String current = Totp.code(RFC_SHA1_KEY, Totp.step(now), 6);
    long step = Totp.verify(secret, current, now, null).orElseThrow();
    assertEquals(Totp.step(now), step);
    assertTrue(Totp.verify(secret, current, now, step).isEmpty(), "a code is good once");
    String previous = Totp.code(RFC_SHA1_KEY, Totp.step(now) - 1, 6);
    assertTrue(Totp.verify(secret, previous, now, null).isPresent());
    String old = Totp.code(RFC_SHA1_KEY, Totp.step(now) - 3, 6);
    assertTrue(Totp.verify(secret, old, now, null).isEmpty());
  }

  @Test
  void refusesMalformedCodes() {
    String secret = Totp.newSecret();
    assertTrue(Totp.verify(secret, null, 0, null).isEmpty());
    assertTrue(Totp.verify(secret, "12345", 0, null).isEmpty());
    assertTrue(Totp.verify(secret, "abcdef", 0, null).isEmpty());
  }

  @Test
  void uriCarriesIssuerAccountAndSecret() {
    String uri = Totp.uri("TIM-KIM Org-Admin", "anna", "MZXW6YTBOI");
    assertEquals(
        "otpauth://totp/TIM-KIM%20Org-Admin:anna?secret=MZXW6YTBOI&issuer=TIM-KIM%20Org-Admin"
            + "&algorithm=SHA1&digits=6&period=30",
        uri);
  }
}
