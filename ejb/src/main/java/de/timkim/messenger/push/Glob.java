package de.timkim.messenger.push;

/**
 * The glob of push rule {@code event_match} conditions ({@code *} any run of characters, {@code ?}
 * one character, case-insensitive), matched in time linear in text × pattern length: the pattern is
 * run as a set of states over the text once (Thompson's construction), never by backtracking. A
 * regex translation took n³ steps for {@code *a*a*a*b} against a long body, inside the send
 * transaction with the room row locked.
 */
final class Glob {

  /** Longer patterns are refused when a rule is written. */
  static final int MAX_LENGTH = 255;

  /** Patterns with more {@code *} and {@code ?} are refused when a rule is written. */
  static final int MAX_WILDCARDS = 16;

  private final int[] pattern;
  private long steps;

  Glob(String pattern) {
    this.pattern = foldedCodePoints(pattern);
  }

  /** Whether {@code pattern} may be stored: at most 255 characters and 16 wildcards. */
  static boolean acceptable(String pattern) {
    if (pattern.length() > MAX_LENGTH) {
      return false;
    }
    long wildcards = pattern.chars().filter(c -> c == '*' || c == '?').count();
    return wildcards <= MAX_WILDCARDS;
  }

  /** The whole of {@code text} matches (event_match on any key but content.body). */
  boolean matchesWhole(String text) {
    return run(foldedCodePoints(text), false);
  }

  /**
   * Some part of {@code text} that starts and ends at word boundaries matches (event_match on
   * content.body: the spec's "matches a word", with letters, digits and _ as word characters).
   */
  boolean matchesWord(String text) {
    return run(foldedCodePoints(text), true);
  }

  /** The state updates of the matches so far: what the unit test bounds. */
  long steps() {
    return steps;
  }

  private boolean run(int[] text, boolean words) {
    int m = pattern.length;
    boolean[] active = new boolean[m + 1];
    boolean[] next = new boolean[m + 1];
    for (int i = 0; i <= text.length; i++) {
      if (!words ? i == 0 : i == 0 || !isWordChar(text[i - 1])) {
        active[0] = true;
      }
      closeOverStars(active);
      if (active[m] && (!words ? i == text.length : i == text.length || !isWordChar(text[i]))) {
        return true;
      }
      if (i == text.length) {
        return false;
      }
      boolean any = false;
      java.util.Arrays.fill(next, false);
      for (int k = 0; k < m; k++) {
        steps++;
        if (!active[k]) {
          continue;
        }
        int p = pattern[k];
        if (p == '*') {
          next[k] = true;
          any = true;
        } else if (p == '?' || p == text[i]) {
          next[k + 1] = true;
          any = true;
        }
      }
      boolean[] swap = active;
      active = next;
      next = swap;
      if (!any && !words) {
        return false;
      }
    }
    return false;
  }

  /** A star may match nothing: whoever stands before it also stands after it. */
  private void closeOverStars(boolean[] active) {
    for (int k = 0; k < pattern.length; k++) {
      steps++;
      if (active[k] && pattern[k] == '*') {
        active[k + 1] = true;
      }
    }
  }

  private static boolean isWordChar(int codePoint) {
    // the regex classes \p{L}, \p{N} and _ the matcher had before
    int type = Character.getType(codePoint);
    return Character.isLetter(codePoint)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER
        || codePoint == '_';
  }

  /** Case-insensitive as the regex's UNICODE_CASE: both sides folded per code point. */
  private static int[] foldedCodePoints(String s) {
    return s.codePoints().map(c -> Character.toLowerCase(Character.toUpperCase(c))).toArray();
  }
}
