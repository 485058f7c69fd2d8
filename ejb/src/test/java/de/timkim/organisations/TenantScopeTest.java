package de.timkim.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.admin.accounts.SignedInAdmin;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantScopeTest {

  private static final SignedInAdmin ADMIN = new SignedInAdmin(7, "anna", "org-a", false);

  @Test
  void anOrganisationsScopeOwnsItsServersAndNothingElse() {
    TenantScope scope = new TenantScope(ADMIN, List.of("a1.example", "a2.example"));
    assertTrue(scope.owns("a1.example"));
    assertTrue(scope.owns("a2.example"));
    assertFalse(scope.owns("b.example"));
    assertFalse(scope.owns(null));
    assertEquals("org-a", scope.organisationId());
  }

  @Test
  void aServiceScopeOwnsOnlyItsOneServer() {
    ServiceScope scope = new ServiceScope(ADMIN, "a1.example");
    assertEquals("a1.example", scope.serverName());
    assertEquals(List.of("a1.example"), scope.serverNames());
    assertFalse(scope.owns("a2.example"), "narrowed: the organisation's other service is out");
  }

  @Test
  void anOrganisationWithoutServicesOwnsNoServer() {
    assertFalse(new TenantScope(ADMIN, List.of()).owns("a1.example"));
  }
}
