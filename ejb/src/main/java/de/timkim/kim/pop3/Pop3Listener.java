package de.timkim.kim.pop3;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.sockets.MailListeners;
import de.timkim.kim.sockets.SocketBindings;
import de.timkim.kim.tls.KimTls;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.NettyServer;
import org.apache.james.protocols.pop3.core.UserCmdHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts POP3S (implicit TLS, socket binding {@code kim-pop3s}, 995) with the deployment and stops
 * it with it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Pop3Listener {

  private static final Logger LOG = Logger.getLogger(Pop3Listener.class.getName());

  /** RFC 2449 §4: a command line is at most 255 octets; a little slack for long user names. */
  private static final int MAX_LINE_LENGTH = 512;

  @Inject
  @ConfigProperty(name = "kim.pop3.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "kim.pop3.max-connections", defaultValue = "200")
  int maxConnections;

  @Inject
  @ConfigProperty(name = "kim.pop3.idle-timeout-seconds", defaultValue = "600")
  int idleTimeoutSeconds;

  @Inject KimTls tls;

  @Inject KimAccountService accounts;

  @Inject MailboxService mailboxes;

  @Inject MaildropLocks maildropLocks;

  @Inject Clock clock;

  private NettyServer server;

  @PostConstruct
  void start() {
    if (!enabled) {
      LOG.info("KIM POP3 listener disabled (kim.pop3.enabled=false)");
      return;
    }
    InetSocketAddress listen = SocketBindings.resolve("kim-pop3s", "0.0.0.0", 995);
    server =
        MailListeners.pop3Server(
            handlers(),
            MAX_LINE_LENGTH,
            Optional.of(
                Encryption.createTls(
                    tls.serverContext(),
                    // James' order: cipher suites, then protocols
                    KimTls.CIPHER_SUITES,
                    KimTls.PROTOCOLS,
                    org.apache.james.protocols.api.ClientAuth.NONE)));
    server.setMaxConcurrentConnections(maxConnections);
    server.setTimeout(idleTimeoutSeconds);
    MailListeners.bind(server, listen, "POP3S");
    LOG.info(() -> "KIM POP3S listening on " + listen);
  }

  @PreDestroy
  void stop() {
    if (server != null) {
      server.unbind();
      server = null;
    }
  }

  private ProtocolHandlerChainImpl handlers() {
    MetricFactory metrics = Pop3Commands.metrics();
    MaildropLease.Settings leases = MaildropLease.Settings.forIdleTimeout(idleTimeoutSeconds);
    return Pop3Commands.chain(
        new UserCmdHandler(metrics),
        new KimPassCommand(metrics, accounts, mailboxes, maildropLocks, clock, leases),
        new MaildropLockKeeper());
  }
}
