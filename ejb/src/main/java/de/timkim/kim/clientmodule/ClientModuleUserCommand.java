package de.timkim.kim.clientmodule;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.UserCmdHandler;

/**
 * USER at the client module: the argument is the KIM user-name form ({@code
 * address#host:port#Mandant#ClientSystem#Workplace}), which is not a plain mail address, so it is
 * kept whole for PASS and only its address becomes the session's user.
 */
final class ClientModuleUserCommand extends UserCmdHandler {

  static final ProtocolSession.AttachmentKey<String> LOGIN =
      ProtocolSession.AttachmentKey.of("kim-client-module-login", String.class);

  ClientModuleUserCommand(MetricFactory metrics) {
    super(metrics);
  }

  @Override
  public Response onCommand(POP3Session session, Request request) {
    String argument = request.getArgument();
    if (session.getHandlerState() != POP3Session.AUTHENTICATION_READY || argument == null) {
      return new POP3Response(POP3Response.ERR_RESPONSE);
    }
    ClientModuleLogin login;
    try {
      login = ClientModuleLogin.parse(argument.trim());
    } catch (IllegalArgumentException e) {
      return new POP3Response(
          POP3Response.ERR_RESPONSE,
          "User name must be address#fachdienst-host:port#Mandant#ClientSystem#Workplace");
    }
    session.setAttachment(LOGIN, argument.trim(), ProtocolSession.State.Connection);
    session.setUsername(Username.of(login.address().toString()));
    session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
    return new POP3Response(POP3Response.OK_RESPONSE);
  }
}
