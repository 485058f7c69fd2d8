package de.timkim.kim.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KimAddressTest {

  @Test
  void parsesSmtpPathsAndNormalisesCase() {
    KimAddress address = KimAddress.parse("<Dr.Meier@Praxis-A.KIM.Telematik>");
    assertEquals("dr.meier@praxis-a.kim.telematik", address.toString());
    assertEquals(address, KimAddress.parse("dr.meier@praxis-a.kim.telematik"));
  }

  @Test
  void refusesWhatIsNoMailAddress() {
    for (String bad :
        new String[] {
          "",
          "no-at",
          "@domain.test",
          "local@",
          "a b@c.test",
          "a@b_c.test",
          "a..b@c.test",
          ".a@c.test",
          "a@-c.test",
          "x".repeat(65) + "@c.test"
        }) {
      assertThrows(IllegalArgumentException.class, () -> KimAddress.parse(bad), bad);
    }
  }
}
