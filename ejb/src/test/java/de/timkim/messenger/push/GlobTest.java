package de.timkim.messenger.push;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void worstCasePatternAgainstFourThousandCharactersTakesStepsLinearInPatternTimesText() {
    String pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
    String body = "a".repeat(4000);
    long bound = 3L * (pattern.length() + 1) * (body.length() + 1);

    Glob word = new Glob(pattern);
    assertFalse(word.matchesWord(body));
    assertTrue(word.steps() <= bound, word.steps() + " steps, bound " + bound);
    Glob whole = new Glob(pattern);
    assertFalse(whole.matchesWhole(body));
    assertTrue(whole.steps() <= bound, whole.steps() + " steps, bound " + bound);
  }

  @Test
  void bodyPatternsMatchWholeWordsCaseInsensitively() {
    assertTrue(new Glob("cake*lie").matchesWord("The CAKE is a lie!"));
    assertTrue(new Glob("lie").matchesWord("a lie"));
    assertFalse(new Glob("lie").matchesWord("believe"));
    assertTrue(new Glob("b?lieve").matchesWord("I believe it"));
    assertFalse(new Glob("b?lieve").matchesWord("I bbelieve it"));
    assertTrue(new Glob("ärzt*").matchesWord("Die Ärztin kommt"));
    assertTrue(new Glob("*").matchesWord("anything"));
  }

  @Test
  void otherKeysMatchTheWholeValue() {
    assertTrue(new Glob("m.room.*").matchesWhole("m.room.message"));
    assertFalse(new Glob("m.room").matchesWhole("m.room.message"));
    assertTrue(new Glob("@*:example.org").matchesWhole("@alice:EXAMPLE.org"));
    assertTrue(new Glob("a?c").matchesWhole("abc"));
    assertFalse(new Glob("a?c").matchesWhole("abbc"));
  }

  @Test
  void patternsAboveTwoHundredFiftyFiveCharactersOrSixteenWildcardsAreNotAcceptable() {
    assertTrue(Glob.acceptable("x".repeat(255)));
    assertFalse(Glob.acceptable("x".repeat(256)));
    assertTrue(Glob.acceptable("*a".repeat(16)));
    assertFalse(Glob.acceptable("*a".repeat(17)));
  }
}
