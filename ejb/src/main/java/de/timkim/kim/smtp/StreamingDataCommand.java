package de.timkim.kim.smtp;

import java.io.IOException;
import java.io.InputStream;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.RequireAuthCommandWrapper;
import org.subethamail.smtp.internal.server.RequireTLSCommandWrapper;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * DATA as SubEthaSMTP answers it (same replies, same TLS and AUTH guards), but the message reaches
 * the handler through {@link DotTerminatedData}, which reads the connection in blocks.
 */
final class StreamingDataCommand extends BaseCommand {

  private StreamingDataCommand() {
    super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
  }

  /** Replaces the library's DATA on a built (not yet started) server. */
  static void install(SMTPServer server) {
    CommandHandler commands = server.getCommandHandler();
    // the guards check the server's settings when they run, so they are harmless where not needed
    commands.addCommand(
        new RequireTLSCommandWrapper(new RequireAuthCommandWrapper(new StreamingDataCommand())));
  }

  @Override
  public void execute(String line, Session session) throws IOException, DropConnectionException {
    if (!session.isMailTransactionInProgress()) {
      session.sendResponse("503 5.5.1 Error: need MAIL command");
      return;
    }
    if (session.getRecipientCount() == 0) {
      session.sendResponse("503 Error: need RCPT command");
      return;
    }
    session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
    InputStream data = new DotTerminatedData(session.getRawInput());
    String answer;
    try {
      answer = session.getMessageHandler().data(data);
    } catch (RejectException e) {
      // whatever the handler left unread is still message, not commands
      drain(data);
      session.sendResponse(e.getErrorResponse());
      return;
    }
    drain(data);
    session.sendResponse(
        answer == null ? "250 Ok" : SMTPResponseHelper.buildResponse("250", answer));
    session.resetMailTransaction();
  }

  private static void drain(InputStream data) throws IOException {
    byte[] discard = new byte[8192];
    while (data.read(discard) >= 0) {
      // the rest of the message the handler did not want
    }
  }
}
