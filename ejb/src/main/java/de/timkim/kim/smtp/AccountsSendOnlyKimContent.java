package de.timkim.kim.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;

/**
 * A KIM account's message must be what a client module sends: S/MIME (gematik KIM: every message is
 * signed and encrypted end to end) or a delivery or disposition report (RFC 6522, RFC 3461/8098).
 * Plaintext from an account would reach the recipient's client module unsigned, its result headers
 * made by whoever wrote it. A relaying peer's mail was checked by its Fachdienst.
 */
final class AccountsSendOnlyKimContent {

  private AccountsSendOnlyKimContent() {}

  /**
   * @param headers the stored message's header block
   * @throws SmtpReply if an account sent anything else
   */
  static void check(SmtpClient client, byte[] headers) throws SmtpReply {
    if (!client.isPeer() && !isKimContent(headers)) {
      // RFC 3463 X.7.1: delivery not authorized, message refused (a policy, not a syntax error)
      throw SmtpReply.reject(
          554,
          "5.7.1",
          "KIM accounts send only encrypted messages (application/pkcs7-mime) or reports"
              + " (multipart/report); use the client module");
    }
  }

  private static boolean isKimContent(byte[] headers) {
    try {
      String contentType =
          new InternetHeaders(new ByteArrayInputStream(headers)).getHeader("Content-Type", null);
      if (contentType == null) {
        return false;
      }
      ContentType type = new ContentType(contentType);
      return type.match("application/pkcs7-mime")
          || type.match("application/x-pkcs7-mime")
          || type.match("multipart/report");
    } catch (MessagingException e) {
      return false;
    }
  }
}
