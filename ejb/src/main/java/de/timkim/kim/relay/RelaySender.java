package de.timkim.kim.relay;

import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.tls.KimTls;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * Hands one queued message to another Fachdienst over SMTP with implicit TLS, presenting this
 * server's certificate and trusting only the configured peers ({@code KimTls.peerContext()}); the
 * message goes byte for byte as accepted.
 */
final class RelaySender {

  /** What one attempt achieved. */
  record Result(
      List<DsnRecipient> relayed,
      List<DeliveryOutcome> refused,
      List<DsnRecipient> pending,
      String temporaryError) {}

  private final SSLContext peerContext;
  private final int timeoutMs;

  RelaySender(SSLContext peerContext, int timeoutMs) {
    this.peerContext = peerContext;
    this.timeoutMs = timeoutMs;
  }

  Result send(QueuedRelay entry, InputStream message) {
    List<DsnRecipient> recipients = entry.recipients();
    RelayRoutes.Route route = entry.route();
    Properties properties = new Properties();
    properties.put("mail.smtps.host", route.host());
    properties.put("mail.smtps.port", String.valueOf(route.port()));
    properties.put("mail.smtps.connectiontimeout", String.valueOf(timeoutMs));
    properties.put("mail.smtps.timeout", String.valueOf(timeoutMs));
    properties.put("mail.smtps.writetimeout", String.valueOf(timeoutMs));
    // the peer's certificate must name the route's host (RFC 6125; checked in the handshake):
    // being in the peer trust alone would let one trusted Fachdienst stand in for another
    properties.put("mail.smtps.ssl.socketFactory", KimTls.verifyingHostName(peerContext));
    properties.put("mail.smtps.ssl.protocols", String.join(" ", KimTls.PROTOCOLS));
    properties.put("mail.smtps.ssl.ciphersuites", String.join(" ", KimTls.CIPHER_SUITES));
    // the socket factory checks the name already; Jakarta Mail's own check would do it again
    properties.put("mail.smtps.ssl.checkserveridentity", "false");
    // "<>" goes out as MAIL FROM:<>, the null reverse-path of reports and absence notes
    properties.put("mail.smtps.from", entry.sender() == null ? "<>" : entry.sender().toString());
    // accept for the recipients the peer takes, report the others (RFC 5321 §3.3)
    properties.put("mail.smtps.sendpartial", "true");
    Session session = Session.getInstance(properties);
    try {
      MimeMessage mime =
          new MimeMessage(session, message) {
            @Override
            protected void updateMessageID() {
              // relay unchanged
            }
          };
      Address[] to = new Address[recipients.size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(recipients.get(i).address().toString());
      }
      try (Transport transport = session.getTransport("smtps")) {
        transport.connect();
        transport.sendMessage(mime, to);
      }
      return new Result(recipients, List.of(), List.of(), null);
    } catch (SendFailedException e) {
      return partial(recipients, e);
    } catch (MessagingException e) {
      return new Result(List.of(), List.of(), recipients, describe(e));
    }
  }

  /** Splits the recipients by what the peer said to each. */
  private static Result partial(List<DsnRecipient> recipients, SendFailedException e) {
    Set<String> sent = addresses(e.getValidSentAddresses());
    List<DsnRecipient> relayed = new ArrayList<>();
    List<DeliveryOutcome> refused = new ArrayList<>();
    List<DsnRecipient> pending = new ArrayList<>();
    String temporary = null;
    for (DsnRecipient recipient : recipients) {
      String address = recipient.address().toString();
      if (sent.contains(address)) {
        relayed.add(recipient);
        continue;
      }
      String reply = replyFor(e, address);
      if (reply != null && reply.startsWith("5")) {
        refused.add(DeliveryOutcome.failed(recipient, statusOf(reply), reply));
      } else {
        pending.add(recipient);
        temporary = reply != null ? reply : describe(e);
      }
    }
    return new Result(relayed, refused, pending, temporary);
  }

  private static String replyFor(SendFailedException e, String address) {
    Exception next = e.getNextException();
    while (next != null) {
      if (next instanceof SMTPAddressFailedException failed
          && failed.getAddress().getAddress().equalsIgnoreCase(address)) {
        String text = oneLine(failed.getMessage());
        String code = String.valueOf(failed.getReturnCode());
        return text.startsWith(code) ? text : code + " " + text;
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    return null;
  }

  /** The RFC 3463 code in a reply like "550 5.1.1 No such account", else a generic one. */
  private static String statusOf(String reply) {
    String[] words = reply.split(" ");
    if (words.length > 1 && words[1].matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
      return words[1];
    }
    return reply.startsWith("5") ? "5.0.0" : "4.0.0";
  }

  private static Set<String> addresses(Address[] addresses) {
    Set<String> result = new HashSet<>();
    if (addresses != null) {
      for (Address a : addresses) {
        result.add(((InternetAddress) a).getAddress().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return result;
  }

  private static String describe(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (cause != e && cause.getMessage() != null) {
      text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
    return oneLine(text);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ").trim();
  }

  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing was written
    }
  }
}
