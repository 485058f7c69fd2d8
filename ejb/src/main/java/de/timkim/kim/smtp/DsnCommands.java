package de.timkim.kim.smtp;

import java.io.IOException;
import java.util.List;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * The DSN extension (RFC 3461) on SubEthaSMTP, which knows nothing of it: it hands a message
 * handler only the address of MAIL and RCPT and drops their parameters silently. EHLO is replaced
 * to advertise DSN; MAIL and RCPT are wrapped to check and take their DSN parameters, refuse
 * unknown ones, and pass the rest on to the library's commands (which keep their AUTH/TLS
 * wrappers).
 */
final class DsnCommands {

  private DsnCommands() {}

  /** Installs the commands on a built (not yet started) server. */
  static void install(SMTPServer server) {
    CommandHandler commands = server.getCommandHandler();
    commands.addCommand(new Ehlo());
    commands.addCommand(new Mail(commands.getCommand("MAIL")));
    commands.addCommand(new Rcpt(commands.getCommand("RCPT")));
  }

  /** EHLO as SubEthaSMTP answers it, plus DSN. */
  private static final class Ehlo implements Command {
    @Override
    public void execute(String line, Session session) throws IOException {
      String[] args = line.trim().split("\\s+");
      if (args.length < 2) {
        session.sendResponse("501 Syntax: EHLO hostname");
        return;
      }
      session.resetMailTransaction();
      session.setHelo(args[1]);
      SMTPServer server = session.getServer();
      StringBuilder reply = new StringBuilder("250-").append(server.getHostName());
      reply.append("\r\n250-8BITMIME");
      if (server.getMaxMessageSize() > 0) {
        reply.append("\r\n250-SIZE ").append(server.getMaxMessageSize());
      }
      if (server.getEnableTLS() && !server.getHideTLS() && !session.isTLSStarted()) {
        reply.append("\r\n250-STARTTLS");
      }
      reply.append("\r\n250-ENHANCEDSTATUSCODES");
      reply.append("\r\n250-DSN");
      reply.append("\r\n250-CHUNKING");
      reply.append("\r\n250-SMTPUTF8");
      boolean authAllowed =
          session.isTLSStarted()
              || !server.getRequireTLS()
              || server.getShowAuthCapabilitiesBeforeSTARTTLS();
      List<String> mechanisms =
          server
              .getAuthenticationHandlerFactory()
              .map(AuthenticationHandlerFactory::getAuthenticationMechanisms)
              .orElse(List.of());
      if (authAllowed && !mechanisms.isEmpty()) {
        reply.append("\r\n250-AUTH ").append(String.join(" ", mechanisms));
      }
      reply.append("\r\n250 Ok");
      session.sendResponse(reply.toString());
    }

    @Override
    public HelpMessage getHelp() {
      return new HelpMessage("EHLO", "<hostname>", "Introduce yourself.");
    }

    @Override
    public String getName() {
      return "EHLO";
    }
  }

  /** MAIL FROM with RET and ENVID. */
  private static final class Mail implements Command {
    private final Command library;

    Mail(Command library) {
      this.library = library;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
      if (!session.isAuthenticated()) {
        library.execute(line, session);
        return;
      }
      DsnParameters.Split split;
      try {
        split = DsnParameters.splitMail(line);
        if (split != null) {
          DsnParameters.envelope(split.dsn());
        }
      } catch (SmtpReply reply) {
        session.sendResponse(reply.toWire().getErrorResponse());
        return;
      }
      if (split == null) {
        library.execute(line, session);
        return;
      }
      boolean before = session.isMailTransactionInProgress();
      library.execute(split.passOn(), session);
      if (!before
          && session.isMailTransactionInProgress()
          && session.getMessageHandler() instanceof KimMessageHandler handler) {
        try {
          handler.dsnEnvelope(DsnParameters.envelope(split.dsn()));
        } catch (SmtpReply checkedAbove) {
          throw new IllegalStateException(checkedAbove);
        }
      }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
      return library.getHelp();
    }

    @Override
    public String getName() {
      return "MAIL";
    }
  }

  /** RCPT TO with NOTIFY and ORCPT. */
  private static final class Rcpt implements Command {
    private final Command library;

    Rcpt(Command library) {
      this.library = library;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
      if (!session.isAuthenticated()) {
        library.execute(line, session);
        return;
      }
      DsnParameters.Split split;
      java.util.Set<de.timkim.kim.mail.Notify> notify = null;
      String originalRecipient = null;
      try {
        split = DsnParameters.splitRcpt(line);
        if (split != null) {
          notify = DsnParameters.notify(split.dsn());
          originalRecipient = DsnParameters.originalRecipient(split.dsn());
        }
      } catch (SmtpReply reply) {
        session.sendResponse(reply.toWire().getErrorResponse());
        return;
      }
      if (split == null) {
        library.execute(line, session);
        return;
      }
      int before = session.getRecipientCount();
      library.execute(split.passOn(), session);
      if (session.getRecipientCount() > before
          && session.getMessageHandler() instanceof KimMessageHandler handler) {
        handler.dsnOfLastRecipient(notify, originalRecipient);
      }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
      return library.getHelp();
    }

    @Override
    public String getName() {
      return "RCPT";
    }
  }
}
