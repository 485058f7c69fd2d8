package de.timkim.platform.security.smcb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One key for the SMC-B trust anchors; the two keys it replaces still count, in their order. */
class TiTrustAnchorsTest {

  private static TiTrustAnchors anchors(String key, String registration, String kim) {
    TiTrustAnchors anchors = new TiTrustAnchors();
    anchors.configured = Optional.ofNullable(key);
    anchors.deprecatedRegistration = Optional.ofNullable(registration);
    anchors.deprecatedKim = Optional.ofNullable(kim);
    return anchors;
  }

  @Test
  void theOneKeyWinsOverTheDeprecatedOnes() {
    assertArrayEquals(
        new String[] {"/ti/root.pem", "/ti/smcb-ca.pem"},
        anchors("/ti/root.pem,/ti/smcb-ca.pem", "/old/registration.pem", "/old/kim.pem").files());
  }

  @Test
  void deprecatedKeysAreReadWhenTheOneKeyIsNotSet() {
    assertArrayEquals(
        new String[] {"/old/registration.pem"},
        anchors(" ", "/old/registration.pem", "/old/kim.pem").files());
    assertArrayEquals(new String[] {"/old/kim.pem"}, anchors(null, null, "/old/kim.pem").files());
  }
}
