package de.timkim.kim.absence;

import jakarta.mail.internet.InternetHeaders;
import java.util.Locale;

/**
 * RFC 3834 §2: which messages an automatic responder must leave unanswered. A message from the null
 * sender (reports, other auto-replies), one marked {@code Auto-Submitted} other than {@code no},
 * one with {@code Precedence: bulk, list or junk}, or a list message ({@code List-*} headers, RFC
 * 2369/2919) gets no absence note.
 */
final class AutoReplyRules {

  private static final String[] LIST_HEADERS = {
    "List-Id",
    "List-Help",
    "List-Unsubscribe",
    "List-Subscribe",
    "List-Post",
    "List-Owner",
    "List-Archive"
  };

  private AutoReplyRules() {}

  /** Why no reply is sent, or null if one may be. */
  static String reasonNotToAnswer(String envelopeSender, InternetHeaders headers) {
    if (envelopeSender == null || envelopeSender.isBlank()) {
      return "null sender";
    }
    String autoSubmitted = first(headers, "Auto-Submitted");
    if (autoSubmitted != null && !keyword(autoSubmitted).equals("no")) {
      return "Auto-Submitted: " + keyword(autoSubmitted);
    }
    String precedence = first(headers, "Precedence");
    if (precedence != null
        && java.util.Set.of("bulk", "list", "junk").contains(keyword(precedence))) {
      return "Precedence: " + keyword(precedence);
    }
    for (String list : LIST_HEADERS) {
      if (first(headers, list) != null) {
        return list;
      }
    }
    return null;
  }

  static String first(InternetHeaders headers, String name) {
    String value = headers.getHeader(name, null);
    return value == null ? null : value.replaceAll("\\r?\\n", "").trim();
  }

  /** The keyword before any parameters or comment, in lower case. */
  private static String keyword(String value) {
    String keyword = value;
    int end = keyword.length();
    for (char stop : new char[] {';', '(', ' ', '\t'}) {
      int at = keyword.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return keyword.substring(0, end).trim().toLowerCase(Locale.ROOT);
  }
}
