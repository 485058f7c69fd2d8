package de.timkim.kim.dsn;

import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Writes a delivery status notification (RFC 3464): {@code multipart/report;
 * report-type=delivery-status} with a human-readable part, the {@code message/delivery-status} part
 * and the original message's header ({@code text/rfc822-headers}). KIM messages are encrypted end
 * to end, so the body is never returned, whatever RET asked for; the report itself is a plain,
 * unsigned message, as server-generated KIM messages are.
 */
final class DsnReport {

  private DsnReport() {}

  static byte[] write(
      String reportingHost,
      String fromDomain,
      KimAddress sender,
      DsnEnvelope envelope,
      List<DeliveryOutcome> outcomes,
      byte[] originalHeaders,
      long arrivalMillis,
      ZonedDateTime now) {
    String boundary = "=_dsn_" + UUID.randomUUID().toString().replace("-", "");
    boolean failed = outcomes.stream().anyMatch(o -> o.action() == DeliveryOutcome.Action.FAILED);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now);
    String arrival =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.Instant.ofEpochMilli(arrivalMillis).atZone(now.getZone()));
    StringBuilder out = new StringBuilder();
    writeHeader(out, reportingHost, fromDomain, sender, failed, date, boundary);
    line(out, "--" + boundary);
    line(out, "Content-Type: text/plain; charset=utf-8");
    line(out, "Content-Transfer-Encoding: 8bit");
    line(out, "");
    for (DeliveryOutcome outcome : outcomes) {
      line(out, humanText(outcome));
    }
    line(out, "");
    line(out, "--" + boundary);
    writeDeliveryStatus(out, reportingHost, envelope, outcomes, arrival, date);
    line(out, "");
    line(out, "--" + boundary);
    line(out, "Content-Type: text/rfc822-headers");
    line(out, "");
    byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] headers = withoutTrailingBlankLine(originalHeaders);
    byte[] result = new byte[head.length + headers.length + tail.length];
    System.arraycopy(head, 0, result, 0, head.length);
    System.arraycopy(headers, 0, result, head.length, headers.length);
    System.arraycopy(tail, 0, result, head.length + headers.length, tail.length);
    return result;
  }

  /** The report's own header and the MIME preamble, up to the first boundary. */
  private static void writeHeader(
      StringBuilder out,
      String reportingHost,
      String fromDomain,
      KimAddress sender,
      boolean failed,
      String date,
      String boundary) {
    line(out, "From: Mail Delivery System <MAILER-DAEMON@" + fromDomain + ">");
    line(out, "To: <" + sender + ">");
    line(
        out,
        "Subject: "
            + (failed
                ? "Unzustellbar / Undelivered Mail Returned to Sender"
                : "Zugestellt / Successful Mail Delivery Report"));
    line(out, "Date: " + date);
    line(out, "Message-ID: <" + UUID.randomUUID() + "@" + reportingHost + ">");
    // RFC 3834 §5: reports are automatic answers; absence notes and other robots must not reply
    line(out, "Auto-Submitted: auto-replied");
    line(out, "MIME-Version: 1.0");
    line(
        out,
        "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\""
            + boundary
            + "\"");
    line(out, "");
    line(out, "This is a MIME-encapsulated delivery status notification (RFC 3464).");
    line(out, "");
  }

  /** The message/delivery-status part (RFC 3464 §2): per-message fields, then per recipient. */
  private static void writeDeliveryStatus(
      StringBuilder out,
      String reportingHost,
      DsnEnvelope envelope,
      List<DeliveryOutcome> outcomes,
      String arrival,
      String date) {
    line(out, "Content-Type: message/delivery-status");
    line(out, "");
    line(out, "Reporting-MTA: dns; " + reportingHost);
    if (envelope.envelopeId() != null) {
      line(out, "Original-Envelope-Id: " + envelope.envelopeId());
    }
    line(out, "Arrival-Date: " + arrival);
    for (DeliveryOutcome outcome : outcomes) {
      line(out, "");
      DsnRecipient recipient = outcome.recipient();
      if (recipient.originalRecipient() != null) {
        line(out, "Original-Recipient: " + recipient.originalRecipient());
      }
      line(out, "Final-Recipient: rfc822; " + recipient.address());
      line(out, "Action: " + outcome.action().name().toLowerCase(java.util.Locale.ROOT));
      line(out, "Status: " + outcome.status());
      if (outcome.diagnostic() != null) {
        line(out, "Diagnostic-Code: smtp; " + oneLine(outcome.diagnostic()));
      }
      line(out, "Last-Attempt-Date: " + date);
    }
  }

  private static String humanText(DeliveryOutcome outcome) {
    KimAddress to = outcome.recipient().address();
    return switch (outcome.action()) {
      case DELIVERED ->
          "Die Nachricht wurde in das Postfach von <"
              + to
              + "> zugestellt. / The message was delivered to <"
              + to
              + ">.";
      case RELAYED ->
          "Die Nachricht wurde an den KIM-Fachdienst von <"
              + to
              + "> weitergegeben. / The message was relayed to the KIM service of <"
              + to
              + ">.";
      case FAILED ->
          "Die Nachricht konnte nicht an <"
              + to
              + "> zugestellt werden. / The message could not be delivered to <"
              + to
              + ">: "
              + oneLine(String.valueOf(outcome.diagnostic()));
    };
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ").trim();
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append("\r\n");
  }

  /** The header block ends with CRLF; the empty line that separated it from the body is dropped. */
  private static byte[] withoutTrailingBlankLine(byte[] headers) {
    int end = headers.length;
    while (end >= 4
        && headers[end - 1] == '\n'
        && headers[end - 2] == '\r'
        && headers[end - 3] == '\n'
        && headers[end - 4] == '\r') {
      end -= 2;
    }
    return java.util.Arrays.copyOf(headers, end);
  }
}
