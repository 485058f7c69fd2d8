package de.timkim.kim.pop3;

import java.io.IOException;
import java.util.Set;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3StreamResponse;
import org.apache.james.protocols.pop3.core.POP3MessageCommandArguments;
import org.apache.james.protocols.pop3.core.POP3MessageCommandDelegate;
import org.apache.james.protocols.pop3.core.RetrCmdHandler;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * RETR as James answers it (same checks of state, message number and deleted messages, same
 * replies), with the message dot-stuffed by {@link DotStuffedMessage} in blocks.
 */
final class KimRetrCommand extends RetrCmdHandler {

  private final POP3MessageCommandDelegate delegate =
      new POP3MessageCommandDelegate(Set.of("RETR")) {
        @Override
        protected Response handleMessageExists(
            POP3Session session, MessageMetaData message, POP3MessageCommandArguments arguments)
            throws IOException {
          return new POP3StreamResponse(
              POP3Response.OK_RESPONSE,
              "Message follows",
              new DotStuffedMessage(getMessageContent(session, message)));
        }
      };

  KimRetrCommand(MetricFactory metrics) {
    super(metrics);
  }

  @Override
  public Response onCommand(POP3Session session, Request request) {
    return delegate.handleMessageRequest(session, request);
  }
}
