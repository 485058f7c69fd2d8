package de.timkim.kim.smtp;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.delivery.MailDispatcher;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.SizeLimits;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.kim.relay.RelayRoutes;
import de.timkim.kim.sockets.MailListeners;
import de.timkim.kim.sockets.SocketBindings;
import de.timkim.kim.tls.KimTls;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.ServerSocketCreator;

/**
 * Starts the SMTP listeners with the deployment and stops them with it: SMTPS (implicit TLS, socket
 * binding {@code kim-smtps}, 465) and submission (socket binding {@code kim-submission}, 587,
 * STARTTLS required before AUTH). Sessions run on threads of the container's managed thread
 * factory, so they may call the EJB services.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SmtpListeners {

  private static final Logger LOG = Logger.getLogger(SmtpListeners.class.getName());

  @Inject
  @ConfigProperty(name = "kim.smtp.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "kim.host-name", defaultValue = "localhost")
  String hostName;

  @Inject
  @ConfigProperty(name = "kim.smtp.max-connections", defaultValue = "200")
  int maxConnections;

  @Inject
  @ConfigProperty(name = "kim.smtp.max-recipients", defaultValue = "100")
  int maxRecipients;

  @Inject
  @ConfigProperty(name = "kim.smtp.idle-timeout-ms", defaultValue = "300000")
  int idleTimeoutMs;

  /** {@code certificate-name=domain|domain,...}: sender domains of relaying Fachdienste. */
  @Inject
  @ConfigProperty(name = "kim.relay.peer-domains", defaultValue = " ")
  String peerDomainMapping;

  @Inject KimTls tls;

  @Inject KimAccountService accounts;

  @Inject MailboxService mailboxes;

  @Inject KimDomains domains;

  @Inject RelayRoutes routes;

  @Inject MailDispatcher dispatcher;

  @Inject Clock clock;

  @Resource ManagedThreadFactory threads;

  private final List<SMTPServer> servers = new ArrayList<>();

  @PostConstruct
  void start() {
    if (!enabled) {
      LOG.info("KIM SMTP listeners disabled (kim.smtp.enabled=false)");
      return;
    }
    InetSocketAddress smtpsAddress = SocketBindings.resolve("kim-smtps", "0.0.0.0", 465);
    InetSocketAddress submissionAddress = SocketBindings.resolve("kim-submission", "0.0.0.0", 587);
    SSLContext ssl = tls.serverContext();
    // 465 also takes mail from other Fachdienste, which log in with their TLS client certificate
    // instead of AUTH: the library's AUTH requirement would refuse them, so KimMessageHandler asks
    // for AUTH itself (530) unless a trusted peer certificate was presented
    SMTPServer smtps = builder(smtpsAddress, false).serverSocketFactory(peerSockets()).build();
    SMTPServer submission =
        builder(submissionAddress, true)
            .enableTLS()
            .requireTLS()
            .startTlsSocketFactory(
                socket -> {
                  InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
                  SSLSocket tlsSocket =
                      (SSLSocket)
                          ssl.getSocketFactory()
                              .createSocket(socket, remote.getHostString(), socket.getPort(), true);
                  tlsSocket.setUseClientMode(false);
                  return KimTls.restrict(tlsSocket);
                })
            .build();
    for (SMTPServer server : List.of(smtps, submission)) {
      DsnCommands.install(server);
      StreamingDataCommand.install(server);
      server.start();
      servers.add(server);
    }
    LOG.info(
        () ->
            "KIM SMTP listening: SMTPS on "
                + smtpsAddress
                + ", submission (STARTTLS) on "
                + submissionAddress
                + ", wire limit "
                + SizeLimits.wireLimit(SizeLimits.NET_LIMIT_BYTES)
                + " bytes");
  }

  @PreDestroy
  void stop() {
    servers.forEach(SMTPServer::stop);
    servers.clear();
  }

  /** Implicit TLS that asks for (does not demand) a client certificate of a peer Fachdienst. */
  private ServerSocketCreator peerSockets() {
    SSLContext peerContext = tls.peerContext();
    return () -> {
      SSLServerSocket socket =
          (SSLServerSocket) peerContext.getServerSocketFactory().createServerSocket();
      socket.setWantClientAuth(true);
      return KimTls.restrict(socket); // SubEthaSMTP binds it
    };
  }

  private SMTPServer.Builder builder(InetSocketAddress listen, boolean requireAuth) {
    long maxWire = SizeLimits.wireLimit(SizeLimits.NET_LIMIT_BYTES);
    KimMessageHandler.Services services =
        new KimMessageHandler.Services(
            mailboxes,
            SmtpRules.kim(
                accounts,
                domains,
                routes,
                PeerDomains.of(tls.ownCertificates(), peerDomainMapping)),
            dispatcher,
            clock);
    // KimMessageHandler writes its own Received header, which does not count against the limit
    return MailListeners.smtpServer(
            listen, hostName, "TIM-KIM Fachdienst", maxConnections, maxWire, threads)
        .maxRecipients(maxRecipients)
        .connectionTimeoutMs(idleTimeoutMs)
        .requireAuth(requireAuth)
        .authenticationHandlerFactory(
            new EasyAuthenticationHandlerFactory(
                (user, password, context) -> {
                  if (accounts.authenticate(user, password, clientAddress(context)).isEmpty()) {
                    throw new LoginFailedException();
                  }
                }))
        .messageHandlerFactory(context -> new KimMessageHandler(context, services, maxWire));
  }

  /** The client's IP address, the key of the failed-login limit beside the account. */
  static String clientAddress(org.subethamail.smtp.MessageContext context) {
    return context.getRemoteAddress() instanceof InetSocketAddress socket
        ? socket.getAddress().getHostAddress()
        : "unknown";
  }
}
