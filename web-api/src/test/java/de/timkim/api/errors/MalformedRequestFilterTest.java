package de.timkim.api.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedRequestFilterTest {

  @Test
  void percentEscapesMustDecodeAsUtf8() {
    assertTrue(MalformedRequestFilter.isPercentEncodedUtf8("/_matrix/client/v3/rooms/%21a%3Ab"));
    assertTrue(MalformedRequestFilter.isPercentEncodedUtf8("/p/%C3%A4%E2%82%AC%F0%9F%98%80"));
    assertFalse(MalformedRequestFilter.isPercentEncodedUtf8("/p/%FF%FE"));
    assertFalse(MalformedRequestFilter.isPercentEncodedUtf8("/p/%C0%AF"));
    assertFalse(MalformedRequestFilter.isPercentEncodedUtf8("/p/%ZZ"));
    assertFalse(MalformedRequestFilter.isPercentEncodedUtf8("/p/%4"));
  }
}
