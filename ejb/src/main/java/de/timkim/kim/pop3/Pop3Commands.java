package de.timkim.kim.pop3;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.DeleCmdHandler;
import org.apache.james.protocols.pop3.core.ListCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.QuitCmdHandler;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.TopCmdHandler;
import org.apache.james.protocols.pop3.core.UidlCmdHandler;
import org.apache.james.protocols.pop3.core.UnknownCmdHandler;
import org.apache.james.protocols.pop3.core.WelcomeMessageHandler;

/**
 * The POP3 commands both POP3 servers offer (the Fachdienst's and the client module's); they differ
 * only in how USER and PASS open a mailbox.
 */
public final class Pop3Commands {

  private Pop3Commands() {}

  public static MetricFactory metrics() {
    return NoMetrics.INSTANCE;
  }

  /**
   * The chain with the server's own USER and PASS, and {@code extensions}: more handlers James
   * wires in by their interfaces (result handlers, disconnect handlers, CAPA capabilities).
   */
  public static ProtocolHandlerChainImpl chain(
      ProtocolHandler user, ProtocolHandler pass, ProtocolHandler... extensions) {
    MetricFactory metrics = metrics();
    ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
    chain.add(new CommandDispatcher<POP3Session>());
    chain.add(new WelcomeMessageHandler());
    chain.add(new CapaCmdHandler(metrics));
    chain.add(user);
    chain.add(pass);
    chain.add(new MessageNumberGuard());
    chain.add(new StatCmdHandler(metrics));
    chain.add(new ListCmdHandler(metrics));
    chain.add(new UidlCmdHandler(metrics));
    chain.add(new TopCmdHandler(metrics));
    chain.add(new KimRetrCommand(metrics));
    chain.add(new DeleCmdHandler(metrics));
    chain.add(new RsetCmdHandler(metrics));
    chain.add(new NoopCmdHandler(metrics));
    chain.add(new QuitCmdHandler(metrics));
    chain.add(new UnknownCmdHandler());
    for (ProtocolHandler extension : extensions) {
      chain.add(extension);
    }
    try {
      chain.wireExtensibleHandlers();
    } catch (Exception e) {
      throw new IllegalStateException("POP3 handler chain", e);
    }
    return chain;
  }
}
