package de.timkim.api.client.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void noHeaderMeansEverything() {
    assertNull(ByteRange.parse(null, 100));
  }

  @Test
  void closedRangeIsInclusiveAndClampedToTheLength() {
    assertEquals(new ByteRange(10, 19), ByteRange.parse("bytes=10-19", 100));
    assertEquals(10, ByteRange.parse("bytes=10-19", 100).length());
    assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-500", 100));
  }

  @Test
  void openAndSuffixRanges() {
    assertEquals(new ByteRange(40, 99), ByteRange.parse("bytes=40-", 100));
    assertEquals(new ByteRange(80, 99), ByteRange.parse("bytes=-20", 100));
    assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100));
  }

  @Test
  void rangeBeyondTheEndIsUnsatisfiable() {
    assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
    assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100));
    assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=0-", 0));
  }

  @Test
  void multipleOrMalformedRangesAreIgnored() {
    assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
    assertNull(ByteRange.parse("items=0-1", 100));
    assertNull(ByteRange.parse("bytes=abc", 100));
    assertNull(ByteRange.parse("bytes=5-1", 100));
  }
}
