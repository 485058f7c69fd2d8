package de.timkim.kim.clientmodule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClientModuleLoginTest {

  @Test
  void parsesTheKimUserNameForm() {
    ClientModuleLogin login =
        ClientModuleLogin.parse("praxis@kim.test#fd.kim.test:465#Mandant-1#PVS#Platz-3");
    assertEquals("praxis@kim.test", login.address().toString());
    assertEquals("fd.kim.test", login.fachdienstHost());
    assertEquals(465, login.fachdienstPort());
    assertEquals("Mandant-1", login.context().mandantId());
    assertEquals("PVS", login.context().clientSystemId());
    assertEquals("Platz-3", login.context().workplaceId());
  }

  @Test
  void portDefaultsToSmtps() {
    assertEquals(465, ClientModuleLogin.parse("a@kim.test#fd.kim.test#M#C#W").fachdienstPort());
  }

  @Test
  void refusesOtherForms() {
    for (String bad :
        new String[] {
          "a@kim.test",
          "a@kim.test#fd#M#C",
          "a@kim.test#fd:x#M#C#W",
          "a@kim.test#fd:0#M#C#W",
          "a@kim.test#fd:465##C#W",
          "a@kim.test#bad host:465#M#C#W"
        }) {
      assertThrows(IllegalArgumentException.class, () -> ClientModuleLogin.parse(bad), bad);
    }
  }
}
