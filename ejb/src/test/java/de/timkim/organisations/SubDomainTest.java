package de.timkim.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import org.junit.jupiter.api.Test;

class SubDomainTest {

  @Test
  void typedLabelIsTrimmedAndLowerCased() {
    assertEquals(
        "praxis-mueller.tim.example",
        SubDomain.typed(" Praxis-Mueller ").serverName("tim.example"));
  }

  @Test
  void refusesWhatIsNotOneDnsLabel() {
    for (String bad :
        new String[] {
          null, "", "-praxis", "praxis-", "pra_xis", "praxis.b", "prä", "a".repeat(64), "admin"
        }) {
      AdminException refused = assertThrows(AdminException.class, () -> SubDomain.typed(bad), bad);
      assertEquals(AdminError.INVALID_SUBDOMAIN, refused.error());
    }
  }
}
