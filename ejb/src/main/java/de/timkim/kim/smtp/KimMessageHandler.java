package de.timkim.kim.smtp;

import de.timkim.kim.delivery.AcceptedMail;
import de.timkim.kim.delivery.DeliveryDeferredException;
import de.timkim.kim.delivery.DeliveryNotices;
import de.timkim.kim.delivery.Dispatched;
import de.timkim.kim.delivery.MailDispatcher;
import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.Notify;
import de.timkim.kim.mail.StoredBlob;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.mailbox.MessageTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP mail transaction (MAIL, RCPT..., DATA) of an authenticated KIM account or a relaying
 * Fachdienst: asks the sender and recipient rules ({@link SmtpRules}) as the commands come, streams
 * the message into the mail store, and once it is durable hands it to the delivery pipeline ({@link
 * MailDispatcher}); 250 only after that, so the mail is in every recipient's mailbox or in the
 * relay queue.
 */
final class KimMessageHandler implements MessageHandler {

  private static final Logger LOG = Logger.getLogger(KimMessageHandler.class.getName());

  private final MessageContext context;
  private final MailboxService mailboxes;
  private final SmtpRules rules;
  private final MailDispatcher dispatcher;
  private final long maxWireBytes;
  private final Clock clock;

  /** Who is sending, known from MAIL FROM on. */
  private SmtpClient client;

  private KimAddress sender;
  private DsnEnvelope dsnEnvelope = DsnEnvelope.NONE;
  private final List<DsnRecipient> recipients = new ArrayList<>();

  /** The services a mail transaction uses besides its session. */
  record Services(
      MailboxService mailboxes, SmtpRules rules, MailDispatcher dispatcher, Clock clock) {}

  KimMessageHandler(MessageContext context, Services services, long maxWireBytes) {
    this.context = context;
    this.mailboxes = services.mailboxes();
    this.rules = services.rules();
    this.dispatcher = services.dispatcher();
    this.maxWireBytes = maxWireBytes;
    this.clock = services.clock();
  }

  /** RET and ENVID of the accepted MAIL FROM ({@link DsnCommands}). */
  void dsnEnvelope(DsnEnvelope envelope) {
    this.dsnEnvelope = envelope;
  }

  /** NOTIFY and ORCPT of the RCPT TO just accepted ({@link DsnCommands}). */
  void dsnOfLastRecipient(Set<Notify> notify, String originalRecipient) {
    int last = recipients.size() - 1;
    recipients.set(
        last, new DsnRecipient(recipients.get(last).address(), notify, originalRecipient));
  }

  @Override
  public void from(String from) throws RejectException {
    try {
      client = client();
      sender = parseSender(from);
      if (sender != null) {
        rules.checkSender(client, sender);
      }
    } catch (SmtpReply reply) {
      throw reply.toWire();
    }
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    try {
      KimAddress address;
      try {
        address = KimAddress.parse(recipient);
      } catch (IllegalArgumentException e) {
        throw SmtpReply.reject(501, "5.1.3", "Bad recipient address syntax");
      }
      rules.checkRecipient(client, address);
      recipients.add(DsnRecipient.plain(address));
    } catch (SmtpReply reply) {
      throw reply.toWire();
    }
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    try {
      return accept(data);
    } catch (SmtpReply reply) {
      throw reply.toWire();
    }
  }

  @Override
  public void done() {}

  /** The logged-in account, else a trusted peer Fachdienst; anyone else must log in first. */
  private SmtpClient client() throws SmtpReply {
    Optional<String> identity =
        context
            .getAuthenticationHandler()
            .map(AuthenticationHandler::getIdentity)
            .map(Object::toString);
    if (identity.isPresent()) {
      return SmtpClient.account(KimAddress.parse(identity.get()));
    }
    Optional<X509Certificate> certificate = PeerFachdienst.certificate(context);
    if (certificate.isEmpty()) {
      throw SmtpReply.reject(530, "5.7.0", "Authentication required");
    }
    return SmtpClient.peer(certificate.get());
  }

  /** The reverse-path; null for the null sender, which only a relaying peer may use (reports). */
  private KimAddress parseSender(String from) throws SmtpReply {
    if (client.isPeer() && (from == null || from.isBlank() || from.trim().equals("<>"))) {
      return null;
    }
    try {
      return KimAddress.parse(from);
    } catch (IllegalArgumentException e) {
      throw SmtpReply.reject(
          553,
          "5.1.7",
          client.isPeer()
              ? "Bad sender address syntax"
              : "The sender must be the KIM address you logged in as");
    }
  }

  private String accept(InputStream data) throws SmtpReply, IOException {
    StoredBlob blob = store(data);
    if (!client.isPeer()) {
      try {
        AccountsSendOnlyKimContent.check(
            client, mailboxes.headersOf(blob, DeliveryNotices.HEADER_LIMIT_BYTES));
      } catch (SmtpReply reply) {
        mailboxes.discard(blob);
        LOG.info(() -> "Message from " + sender + " refused: neither S/MIME nor a report");
        throw reply;
      }
    }
    // the message is durable: from here on the delivery pipeline owns it
    Dispatched dispatched;
    try {
      dispatched =
          dispatcher.dispatch(
              new AcceptedMail(
                  sender, dsnEnvelope, recipients, client.isPeer(), blob, clock.millis()));
    } catch (DeliveryDeferredException e) {
      throw SmtpReply.reject(451, "4.3.0", e.getMessage());
    }
    List<String> uids = dispatched.mailboxUids();
    if (uids.isEmpty()) {
      return dispatched.queuedForRelay()
          ? "2.0.0 Ok: queued for relay"
          : "2.0.0 Ok: accepted, delivery failed; a report follows";
    }
    LOG.fine(
        () ->
            "Accepted from "
                + sender
                + " as "
                + String.join(",", uids)
                + ", "
                + blob.size()
                + " bytes");
    return "2.0.0 Ok: queued as " + uids.get(0);
  }

  /** Streams the message into the mail store, refusing bare line endings and oversize mail. */
  private StoredBlob store(InputStream data) throws SmtpReply, IOException {
    try {
      return mailboxes.store(traceHeader(), data, maxWireBytes);
    } catch (DotTerminatedData.BareLineEndingException e) {
      data.transferTo(OutputStreamSink.INSTANCE);
      LOG.info(() -> "Message from " + sender + " refused: bare CR or LF");
      // RFC 5321 §2.3.8 (Postfix smtpd_forbid_bare_newline refuses likewise); RFC 3463 X.6.0
      throw SmtpReply.reject(
          554, "5.6.0", "Bare CR or LF in the message: lines must end with CRLF (RFC 5321 2.3.8)");
    } catch (MessageTooLargeException e) {
      // the client is still sending: read to the final dot so the next command is understood
      data.transferTo(OutputStreamSink.INSTANCE);
      LOG.info(() -> "Message from " + sender + " refused: larger than " + maxWireBytes);
      throw SmtpReply.reject(
          552,
          "5.3.4",
          "Message size exceeds the KIM limit of "
              + maxWireBytes
              + " bytes on the wire (25 MB before encryption)");
    }
  }

  /**
   * The Received trace header (RFC 5321 §4.4), "ESMTPSA" because the client used TLS and AUTH (RFC
   * 3848). Only a single recipient is named, as other MTAs do, so a copy does not reveal the
   * others.
   */
  private byte[] traceHeader() {
    String remote =
        context.getRemoteAddress() instanceof InetSocketAddress socket
            ? socket.getAddress().getHostAddress()
            : "unknown";
    String helo = context.getHelo().orElse("unknown").replaceAll("[^\\x21-\\x7e]", "");
    StringBuilder header =
        new StringBuilder("Received: from ")
            .append(helo)
            .append(" ([")
            .append(remote)
            .append("])\r\n\tby ")
            .append(context.getSMTPServer().getHostName())
            .append(" (TIM-KIM Fachdienst) with ")
            // RFC 3848: ESMTPSA for a logged-in account, ESMTPS for a relaying Fachdienst
            .append(client.isPeer() ? "ESMTPS" : "ESMTPSA")
            .append(" id ")
            .append(context.getSessionId())
            .append("\r\n\t");
    if (recipients.size() == 1) {
      header.append("for <").append(recipients.get(0).address()).append(">");
    }
    header
        .append("; ")
        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)))
        .append("\r\n");
    return header.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Discards what is written to it. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
