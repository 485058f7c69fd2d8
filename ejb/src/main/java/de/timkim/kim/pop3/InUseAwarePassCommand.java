package de.timkim.kim.pop3;

import java.util.Set;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPassCmdHandler;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * PASS that can refuse a login with RFC 2449's {@code [IN-USE]} (§8.1.2) instead of James' plain
 * {@code -ERR Authentication failed.}, so a client does not take a held maildrop lock for a wrong
 * password. Both POP3 servers use it: the Fachdienst's, whose own lock is held, and the client
 * module's, which passes the Fachdienst's {@code [IN-USE]} on.
 *
 * <p>A leading {@code [} is an extended response code only on a server whose CAPA lists RESP-CODES
 * (RFC 2449 §6.4, §8), so this command announces it for whichever server it is part of, and the
 * lost-lease {@code [IN-USE]} of {@link MaildropLockKeeper} is covered too. {@code [IN-USE]}
 * answers PASS, so RESP-CODES must be listed before login; §5 wants what the AUTHORIZATION state
 * announces announced in both states, and James' CAPA lists it in every state.
 */
public abstract class InUseAwarePassCommand extends AbstractPassCmdHandler
    implements CapaCapability {

  private static final Set<String> CAPABILITIES = Set.of("RESP-CODES");

  // auth() can only return a mailbox or null (James then answers AUTH_FAILED), so the reason
  // travels from auth() to onCommand() in the session
  private static final ProtocolSession.AttachmentKey<Boolean> IN_USE =
      ProtocolSession.AttachmentKey.of("kim-maildrop-in-use", Boolean.class);

  private final Response inUse;

  /**
   * @param inUseReason what follows {@code -ERR [IN-USE] } on the wire
   */
  protected InUseAwarePassCommand(MetricFactory metrics, String inUseReason) {
    super(metrics);
    this.inUse = new POP3Response(POP3Response.ERR_RESPONSE, "[IN-USE] " + inUseReason).immutable();
  }

  @Override
  public final Response onCommand(POP3Session session, Request request) {
    Response response = super.onCommand(session, request);
    if (session.removeAttachment(IN_USE, ProtocolSession.State.Connection).isPresent()) {
      return inUse;
    }
    return response;
  }

  /**
   * Called from {@link #auth} just before it returns {@code null}: this PASS is answered with the
   * {@code [IN-USE]} text rather than as a failed authentication.
   */
  protected static void refuseAsInUse(POP3Session session) {
    session.setAttachment(IN_USE, Boolean.TRUE, ProtocolSession.State.Connection);
  }

  @Override
  public final Set<String> getImplementedCapabilities(POP3Session session) {
    return CAPABILITIES;
  }
}
