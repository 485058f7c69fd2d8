package de.timkim.kim.pop3;

import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * Answers message number 0 (and below) before James' handlers see it: they look message n up at
 * index n - 1 unchecked, so {@code DELE 0} threw an ArrayIndexOutOfBoundsException, logged as an
 * error and answered with a fatal error. Runs first for its commands; null passes the command on.
 */
final class MessageNumberGuard implements CommandHandler<POP3Session> {

  private static final List<String> COMMANDS = List.of("LIST", "UIDL", "TOP", "RETR", "DELE");

  private static final Response NO_SUCH_MESSAGE =
      new POP3Response(POP3Response.ERR_RESPONSE, "No such message: messages are numbered from 1")
          .immutable();

  @Override
  public Response onCommand(POP3Session session, Request request) {
    if (session.getHandlerState() != POP3Session.TRANSACTION || request.getArgument() == null) {
      return null;
    }
    String number = request.getArgument().trim().split("\\s+", 2)[0];
    try {
      return Long.parseLong(number) < 1 ? NO_SUCH_MESSAGE : null;
    } catch (NumberFormatException e) {
      // not a number: James answers the syntax error
      return null;
    }
  }

  @Override
  public Collection<String> getImplCommands() {
    return COMMANDS;
  }
}
