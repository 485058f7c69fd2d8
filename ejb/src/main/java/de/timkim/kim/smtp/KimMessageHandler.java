package de.timkim.kim.smtp;

import de.timkim.kim.absence.AbsenceNoteService;
import de.timkim.kim.accounts.AccountState;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.dsn.DeliveryReports;
import de.timkim.kim.mail.DeliveryOutcome;
import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.Notify;
import de.timkim.kim.mail.StoredBlob;
import de.timkim.kim.mailbox.MailboxEntry;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.mailbox.MessageTooLargeException;
import de.timkim.kim.relay.RelayQueue;
import de.timkim.kim.relay.RelayRoutes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** Enough for any real header block; reports and absence notes quote no more. */
  private static final int HEADER_LIMIT_BYTES = 64 * 1024;

  private final MessageContext context;
  private final KimAccountService accounts;
  private final MailboxService mailboxes;
  private final KimDomains domains;
  private final long maxWireBytes;
  private final Clock clock;
  private final DeliveryReports reports;
  private final AbsenceNoteService absenceNotes;
  private final RelayRoutes routes;
  private final RelayQueue relayQueue;
  private final PeerDomains peerDomains;

  /** The other Fachdienst relaying in this session (TLS client certificate), or null. */
  private String peer;

  private KimAddress sender;
  private DsnEnvelope dsnEnvelope = DsnEnvelope.NONE;
  private final List<DsnRecipient> recipients = new ArrayList<>();

  /** The services a mail transaction uses besides its session. */
  record Services(
      KimAccountService accounts,
      MailboxService mailboxes,
      KimDomains domains,
      DeliveryReports reports,
      AbsenceNoteService absenceNotes,
      RelayRoutes routes,
      RelayQueue relayQueue,
      PeerDomains peerDomains,
      Clock clock) {}

  KimMessageHandler(MessageContext context, Services services, long maxWireBytes) {
    this.context = context;
    this.accounts = services.accounts();
    this.mailboxes = services.mailboxes();
    this.domains = services.domains();
    this.reports = services.reports();
    this.absenceNotes = services.absenceNotes();
    this.routes = services.routes();
    this.relayQueue = services.relayQueue();
    this.peerDomains = services.peerDomains();
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
      sender = checkSender(from);
    } catch (SmtpReply reply) {
      throw reply.toWire();
    }
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    try {
      recipients.add(DsnRecipient.plain(checkRecipient(recipient)));
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
    Optional<String> identity =
        context
            .getAuthenticationHandler()
            .map(AuthenticationHandler::getIdentity)
            .map(Object::toString);
    if (identity.isEmpty()) {
      Optional<X509Certificate> certificate = PeerFachdienst.certificate(context);
      if (certificate.isEmpty()) {
        throw SmtpReply.reject(530, "5.7.0", "Authentication required");
      }
      peer = certificate.get().getSubjectX500Principal().getName();
      return peerSender(from, certificate.get());
    }
    KimAddress authenticated = KimAddress.parse(identity.get());
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

  /**
   * Another Fachdienst relays for its own users (the TLS client certificate said who it is): the
   * null sender of a report, or a sender of a domain its certificate names ({@link PeerDomains}),
   * never one of this Fachdienst's own domains; it is that Fachdienst that authenticated them. This
   * installation's own certificate (a node relaying to itself) may use any.
   */
  private KimAddress peerSender(String from, X509Certificate certificate) throws SmtpReply {
    if (from == null || from.isBlank() || from.trim().equals("<>")) {
      return null;
    }
    KimAddress address;
    try {
      address = KimAddress.parse(from);
    } catch (IllegalArgumentException e) {
      throw SmtpReply.reject(553, "5.1.7", "Bad sender address syntax");
    }
    if (peerDomains.isOwn(certificate)) {
      return address;
    }
    if (domains.isLocal(address)) {
      LOG.info(() -> "Relay from " + peer + " refused: it claims our domain " + address.domain());
      throw SmtpReply.reject(
          550,
          "5.7.1",
          "A relaying Fachdienst cannot send as " + address.domain() + ": served here");
    }
    if (!peerDomains.allows(certificate, address.domain())) {
      LOG.info(
          () ->
              "Relay from " + peer + " refused: its certificate does not name " + address.domain());
      throw SmtpReply.reject(
          550,
          "5.7.1",
          "Your certificate does not name " + address.domain() + " (kim.relay.peer-domains)");
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
    if (peer == null && routes.routeFor(address).isPresent()) {
      // another Fachdienst's domain: relayed after acceptance, its accounts are not known here
      return address;
    }
    if (!domains.isLocal(address)) {
      if (peer != null) {
        throw SmtpReply.reject(
            550, "5.7.1", "Relaying denied: " + address.domain() + " is not served here");
      }
      throw SmtpReply.reject(
          550,
          "5.1.2",
          "Domain "
              + address.domain()
              + " is not a KIM domain served here or routed to another KIM Fachdienst"
              + " (kim.relay.routes); KIM delivers only within the TI");
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
    if (peer == null && !isKimContent(blob)) {
      mailboxes.discard(blob);
      LOG.info(() -> "Message from " + sender + " refused: neither S/MIME nor a report");
      // RFC 3463 X.7.1: delivery not authorized, message refused (a policy, not a syntax error)
      throw SmtpReply.reject(
          554,
          "5.7.1",
          "KIM accounts send only encrypted messages (application/pkcs7-mime) or reports"
              + " (multipart/report); use the client module");
    }
    long arrival = clock.millis();
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    List<KimAddress> deliverable = new ArrayList<>();
    Map<RelayRoutes.Route, List<DsnRecipient>> remote = new LinkedHashMap<>();
    for (DsnRecipient recipient : recipients) {
      Optional<RelayRoutes.Route> route =
          peer == null ? routes.routeFor(recipient.address()) : Optional.empty();
      if (route.isPresent()) {
        remote.computeIfAbsent(route.get(), r -> new ArrayList<>()).add(recipient);
        continue;
      }
      // accepted at RCPT, but the account may have been locked or deregistered since: that is a
      // failure the sender hears of, never a silent drop
      AccountState state =
          accounts
              .find(recipient.address())
              .map(KimAccount::state)
              .orElse(AccountState.DEREGISTERED);
      if (state == AccountState.ACTIVE) {
        deliverable.add(recipient.address());
        outcomes.add(DeliveryOutcome.delivered(recipient));
      } else {
        outcomes.add(
            DeliveryOutcome.failed(
                recipient,
                "5.2.1",
                "550 5.2.1 The KIM mailbox " + recipient.address() + " does not receive mail"));
      }
    }
    List<MailboxEntry> entries;
    try {
      entries = deliverable.isEmpty() ? List.of() : mailboxes.deliver(sender, deliverable, blob);
    } catch (RuntimeException e) {
      mailboxes.discard(blob);
      LOG.log(Level.WARNING, "Could not deliver a message from " + sender, e);
      throw SmtpReply.reject(451, "4.3.0", "Temporary failure storing the message, try again");
    }
    boolean blobHandedOver = false;
    try {
      for (Map.Entry<RelayRoutes.Route, List<DsnRecipient>> route : remote.entrySet()) {
        // the queue owns its copy: recipients here may delete theirs before the relay is done
        StoredBlob queued = entries.isEmpty() && !blobHandedOver ? blob : mailboxes.duplicate(blob);
        blobHandedOver |= queued == blob;
        relayQueue.enqueue(sender, dsnEnvelope, route.getKey(), route.getValue(), queued);
      }
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, "Could not queue a message from " + sender + " for relay", e);
      if (entries.isEmpty()) {
        mailboxes.discard(blob);
        throw SmtpReply.reject(451, "4.3.0", "Temporary failure queueing the message, try again");
      }
      // delivered here already: the client must not send again; the sender learns of the rest
      remote
          .values()
          .forEach(
              list ->
                  list.forEach(
                      r ->
                          outcomes.add(
                              DeliveryOutcome.failed(
                                  r, "4.3.0", "451 4.3.0 The message could not be queued"))));
    }
    answerForTheServer(outcomes, blob, arrival);
    if (entries.isEmpty()) {
      if (!blobHandedOver) {
        mailboxes.discard(blob);
      }
      return remote.isEmpty()
          ? "2.0.0 Ok: accepted, delivery failed; a report follows"
          : "2.0.0 Ok: queued for relay";
    }
    String ids = entries.stream().map(MailboxEntry::uid).reduce((a, b) -> a + "," + b).orElse("");
    LOG.fine(() -> "Accepted from " + sender + " as " + ids + ", " + blob.size() + " bytes");
    return "2.0.0 Ok: queued as " + entries.get(0).uid();
  }

  /**
   * Whether a KIM account's message is what a client module sends: S/MIME (gematik KIM: every
   * message is signed and encrypted end to end) or a delivery or disposition report (RFC 6522, RFC
   * 3461/8098). Plaintext from an account would reach the recipient's client module unsigned, its
   * result headers made by whoever wrote it.
   */
  private boolean isKimContent(StoredBlob blob) throws IOException {
    String contentType;
    try {
      contentType =
          new InternetHeaders(
                  new java.io.ByteArrayInputStream(mailboxes.headersOf(blob, HEADER_LIMIT_BYTES)))
              .getHeader("Content-Type", null);
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

  /**
   * The messages the Fachdienst writes itself once a message is in: the delivery report the sender
   * asked for (RFC 3461) and the absence notes of recipients who are away (RFC 3834). The message
   * is already accepted, so a failure here is logged, not answered to the client.
   */
  private void answerForTheServer(List<DeliveryOutcome> outcomes, StoredBlob blob, long arrival) {
    byte[] headers;
    try {
      headers = mailboxes.headersOf(blob, HEADER_LIMIT_BYTES);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not read back the header of a message from " + sender, e);
      headers = new byte[0];
    }
    try {
      reports.notifySender(sender, dsnEnvelope, outcomes, headers, arrival);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not write the delivery report for " + sender, e);
    }
    for (DeliveryOutcome outcome : outcomes) {
      if (outcome.action() != DeliveryOutcome.Action.DELIVERED) {
        continue;
      }
      try {
        absenceNotes.answer(outcome.recipient().address(), sender, headers);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Could not send the absence note of " + outcome.recipient().address(),
            e);
      }
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
            .append(peer == null ? "ESMTPSA" : "ESMTPS")
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
