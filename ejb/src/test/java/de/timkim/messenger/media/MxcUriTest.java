package de.timkim.messenger.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import org.junit.jupiter.api.Test;

class MxcUriTest {

  @Test
  void randomMediaIdsAre24Letters() {
    MxcUri uri = MxcUri.random("tim.example.de");
    assertEquals(24, uri.mediaId().length());
    assertEquals("mxc://tim.example.de/" + uri.mediaId(), uri.toString());
  }

  @Test
  void acceptsServerNamesWithPortsAndIpLiterals() {
    new MxcUri("localhost:8448", "abc");
    new MxcUri("[::1]:8448", "abc");
    new MxcUri("127.0.0.1", "a_b-C");
  }

  @Test
  void refusesPathTraversalInMediaIdAndServerName() {
    for (String[] bad :
        new String[][] {{"localhost", ".."}, {"localhost", "a/b"}, {"..", "abc"}, {"a/b", "abc"}}) {
      MatrixException e = assertThrows(MatrixException.class, () -> new MxcUri(bad[0], bad[1]));
      assertEquals(ErrorCode.M_INVALID_PARAM, e.errorCode());
    }
  }
}
