package de.timkim.kim.absence;

import de.timkim.kim.mail.KimAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The absence note as a message (RFC 3834 §3): from the absent account to the envelope sender,
 * {@code Auto-Submitted: auto-replied}, threaded by {@code In-Reply-To}/{@code References}, subject
 * "Abwesenheitsnotiz: " plus the original (outer, unencrypted) subject. Plain text, unsigned and
 * unencrypted, as the Fachdienst's own messages are.
 */
final class AutoReply {

  private AutoReply() {}

  static byte[] write(
      KimAddress absentee,
      KimAddress to,
      String noteText,
      InternetHeaders original,
      String host,
      ZonedDateTime now) {
    StringBuilder out = new StringBuilder();
    line(out, "From: <" + absentee + ">");
    line(out, "To: <" + to + ">");
    String subject = AutoReplyRules.first(original, "Subject");
    line(
        out,
        "Subject: " + encode("Abwesenheitsnotiz: " + (subject == null ? "" : decode(subject))));
    line(out, "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now));
    line(out, "Message-ID: <" + UUID.randomUUID() + "@" + host + ">");
    String messageId = AutoReplyRules.first(original, "Message-ID");
    if (messageId != null) {
      line(out, "In-Reply-To: " + messageId);
      String references = AutoReplyRules.first(original, "References");
      line(out, "References: " + (references == null ? "" : references + " ") + messageId);
    }
    line(out, "Auto-Submitted: auto-replied");
    line(out, "MIME-Version: 1.0");
    line(out, "Content-Type: text/plain; charset=utf-8");
    line(out, "Content-Transfer-Encoding: 8bit");
    line(out, "");
    for (String text : noteText.split("\\r?\\n", -1)) {
      line(out, text);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String decode(String subject) {
    try {
      return MimeUtility.decodeText(subject);
    } catch (UnsupportedEncodingException e) {
      return subject;
    }
  }

  private static String encode(String subject) {
    try {
      return MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", "Q"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append("\r\n");
  }
}
