package de.timkim.platform.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void theRightPasswordMatchesAndAWrongOneDoesNot() {
    String stored = PasswordHasher.hash("correct horse battery staple", 1000);
    assertTrue(PasswordHasher.matches("correct horse battery staple", stored));
    assertFalse(PasswordHasher.matches("correct horse battery stapler", stored));
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertNotEquals(PasswordHasher.hash("pw", 1000), PasswordHasher.hash("pw", 1000));
  }

  @Test
  void productionCostIsWrittenIntoTheHash() {
    assertTrue(PasswordHasher.hash("pw").startsWith("pbkdf2-sha256$600000$"));
  }

  @Test
  void garbageStoredValuesNeverMatch() {
    assertFalse(PasswordHasher.matches("pw", "plain"));
    assertFalse(PasswordHasher.matches("pw", "pbkdf2-sha256$x$y$z"));
    assertFalse(PasswordHasher.matches("pw", null));
    assertFalse(PasswordHasher.matches(null, PasswordHasher.hash("pw", 1000)));
  }
}
