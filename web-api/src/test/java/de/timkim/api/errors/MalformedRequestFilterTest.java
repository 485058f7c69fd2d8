package de.timkim.api.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedRequestFilterTest {

  @Test
  void percentEscapesMustDecodeAsUtf8TextWithoutNul() {
    assertTrue(MalformedRequestFilter.decodesToText("/_matrix/client/v3/rooms/%21a%3Ab"));
    assertTrue(MalformedRequestFilter.decodesToText("/p/%C3%A4%E2%82%AC%F0%9F%98%80"));
    assertFalse(MalformedRequestFilter.decodesToText("/p/%FF%FE"));
    assertFalse(MalformedRequestFilter.decodesToText("/p/%C0%AF"));
    assertFalse(MalformedRequestFilter.decodesToText("/p/%ZZ"));
    assertFalse(MalformedRequestFilter.decodesToText("/p/%4"));
    assertFalse(MalformedRequestFilter.decodesToText("/_matrix/client/v3/rooms/%00/messages"));
    assertFalse(MalformedRequestFilter.decodesToText("dir=b&from=%00"));
    assertTrue(MalformedRequestFilter.decodesToText(null));
  }
}
