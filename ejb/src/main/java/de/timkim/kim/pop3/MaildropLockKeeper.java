package de.timkim.kim.pop3;

import java.io.IOException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StreamResponse;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The session's side of the maildrop lock: renews the lease as commands come in, ends a session
 * that lost it, and gives it back when the connection closes without QUIT (dropped, or closed by
 * the idle timeout). Its {@code [IN-USE]} relies on the RESP-CODES that the server's PASS ({@link
 * InUseAwarePassCommand}) announces in CAPA.
 */
final class MaildropLockKeeper
    implements ProtocolHandlerResultHandler<Response, POP3Session>, DisconnectHandler<POP3Session> {

  @Override
  public Response onResponse(
      ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
    if (!(session instanceof POP3Session pop3)
        || pop3.getHandlerState() != POP3Session.TRANSACTION
        || !(pop3.getUserMailbox() instanceof KimPop3Mailbox mailbox)
        || mailbox.lease().renewIfDue()) {
      return response;
    }
    if (response instanceof StreamResponse stream && stream.getStream() != null) {
      try {
        stream.getStream().close();
      } catch (IOException ignored) {
        // the message is not sent anyway
      }
    }
    // RFC 1939 §8: without the lock the session may not go on, and its DELE marks are void
    POP3Response lost =
        new POP3Response(
            POP3Response.ERR_RESPONSE,
            "[IN-USE] Another session took over this mailbox; nothing was deleted");
    lost.setEndSession(true);
    return lost;
  }

  @Override
  public void onDisconnect(POP3Session session) {
    if (session.getUserMailbox() instanceof KimPop3Mailbox mailbox) {
      mailbox.lease().release();
    }
  }
}
