package de.timkim.kim.smtp;

import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.accounts.KimAddress;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mailbox.MailboxEntry;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.mailbox.MessageTooLargeException;
import de.timkim.kim.mailbox.StoredBlob;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One SMTP mail transaction (MAIL, RCPT..., DATA) of an authenticated KIM account: checks sender
 * and recipients as they come, streams the message into the mail store and answers 250 only once it
 * is durably in every recipient's mailbox.
 */
final class KimMessageHandler implements MessageHandler {

  private static final Logger LOG = Logger.getLogger(KimMessageHandler.class.getName());

  private final MessageContext context;
  private final KimAccountService accounts;
  private final MailboxService mailboxes;
  private final KimDomains domains;
  private final long maxWireBytes;
  private final Clock clock;

  private KimAddress sender;
  private final List<KimAddress> recipients = new ArrayList<>();

  KimMessageHandler(
      MessageContext context,
      KimAccountService accounts,
      MailboxService mailboxes,
      KimDomains domains,
      long maxWireBytes,
      Clock clock) {
    this.context = context;
    this.accounts = accounts;
    this.mailboxes = mailboxes;
    this.domains = domains;
    this.maxWireBytes = maxWireBytes;
    this.clock = clock;
  }

  @Override
  public void from(String from) throws RejectException {
    try {
      sender = checkSender(from);
    } catch (SmtpReply reply) {
      throw reply.toWire();
    }
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    try {
      recipients.add(checkRecipient(recipient));
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

  private KimAddress checkSender(String from) throws SmtpReply {
    String identity =
        context
            .getAuthenticationHandler()
            .map(AuthenticationHandler::getIdentity)
            .map(Object::toString)
            .orElseThrow(() -> SmtpReply.reject(530, "5.7.0", "Authentication required"));
    KimAddress authenticated = KimAddress.parse(identity);
    KimAddress address;
    try {
      address = KimAddress.parse(from);
    } catch (IllegalArgumentException e) {
      throw SmtpReply.reject(553, "5.1.7", "The sender must be the KIM address you logged in as");
    }
    if (!address.equals(authenticated)) {
      throw SmtpReply.reject(553, "5.7.1", "The sender must be the KIM address you logged in as");
    }
    AccountState state =
        accounts.find(address).map(KimAccount::state).orElse(AccountState.DEREGISTERED);
    if (state != AccountState.ACTIVE) {
      throw SmtpReply.reject(
          550, "5.7.1", "The KIM account is " + state.name().toLowerCase() + ": it cannot send");
    }
    return address;
  }

  private KimAddress checkRecipient(String recipient) throws SmtpReply {
    KimAddress address;
    try {
      address = KimAddress.parse(recipient);
    } catch (IllegalArgumentException e) {
      throw SmtpReply.reject(501, "5.1.3", "Bad recipient address syntax");
    }
    if (!domains.isLocal(address)) {
      throw SmtpReply.reject(
          550,
          "5.1.2",
          "Domain "
              + address.domain()
              + " is not a KIM domain known to the directory; KIM delivers only within the TI");
    }
    Optional<KimAccount> account = accounts.find(address);
    if (account.isEmpty()) {
      throw SmtpReply.reject(550, "5.1.1", "No KIM account " + address);
    }
    if (account.get().state() == AccountState.DEREGISTERED) {
      throw SmtpReply.reject(550, "5.1.1", "The KIM mailbox " + address + " is deregistered");
    }
    if (account.get().state() != AccountState.ACTIVE) {
      throw SmtpReply.reject(550, "5.2.1", "The KIM mailbox " + address + " does not receive mail");
    }
    return address;
  }

  private String accept(InputStream data) throws SmtpReply, IOException {
    StoredBlob blob;
    try {
      blob = mailboxes.store(traceHeader(), data, maxWireBytes);
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
    List<MailboxEntry> entries;
    try {
      entries = mailboxes.deliver(sender, recipients, blob);
    } catch (RuntimeException e) {
      mailboxes.discard(blob);
      LOG.log(Level.WARNING, "Could not deliver a message from " + sender, e);
      throw SmtpReply.reject(451, "4.3.0", "Temporary failure storing the message, try again");
    }
    String ids = entries.stream().map(MailboxEntry::uid).reduce((a, b) -> a + "," + b).orElse("");
    LOG.fine(() -> "Accepted from " + sender + " as " + ids + ", " + blob.size() + " bytes");
    return "2.0.0 Ok: queued as " + entries.get(0).uid();
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
            .append(" (TIM-KIM Fachdienst) with ESMTPSA id ")
            .append(context.getSessionId())
            .append("\r\n\t");
    if (recipients.size() == 1) {
      header.append("for <").append(recipients.get(0)).append(">");
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
