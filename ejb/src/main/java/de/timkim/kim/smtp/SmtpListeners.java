package de.timkim.kim.smtp;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mailbox.MailboxService;
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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Starts the SMTP listeners with the deployment and stops them with it: SMTPS (implicit TLS, {@code
 * kim.smtp.port}, 465) and submission ({@code kim.smtp.submission-port}, 587, STARTTLS required
 * before AUTH). Both ports move with {@code jboss.socket.binding.port-offset} like every other
 * WildFly port. Sessions run on threads of the container's managed thread factory, so they may call
 * the EJB services.
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
  @ConfigProperty(name = "kim.smtp.bind-address", defaultValue = "0.0.0.0")
  String bindAddress;

  @Inject
  @ConfigProperty(name = "kim.smtp.port", defaultValue = "465")
  int port;

  @Inject
  @ConfigProperty(name = "kim.smtp.submission-port", defaultValue = "587")
  int submissionPort;

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

  @Inject KimTls tls;

  @Inject KimAccountService accounts;

  @Inject MailboxService mailboxes;

  @Inject KimDomains domains;

  @Inject Clock clock;

  @Resource ManagedThreadFactory threads;

  private final List<SMTPServer> servers = new ArrayList<>();

  @PostConstruct
  void start() {
    if (!enabled) {
      LOG.info("KIM SMTP listeners disabled (kim.smtp.enabled=false)");
      return;
    }
    int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
    SSLContext ssl = tls.serverContext();
    SMTPServer smtps = builder(port + offset).serverSocketFactory(ssl).build();
    SMTPServer submission =
        builder(submissionPort + offset)
            .enableTLS()
            .requireTLS()
            .startTlsSocketFactory(ssl)
            .build();
    for (SMTPServer server : List.of(smtps, submission)) {
      server.start();
      servers.add(server);
    }
    LOG.info(
        () ->
            "KIM SMTP listening: SMTPS on "
                + (port + offset)
                + ", submission (STARTTLS) on "
                + (submissionPort + offset)
                + ", wire limit "
                + SizeLimits.wireLimit(SizeLimits.NET_LIMIT_BYTES)
                + " bytes");
  }

  @PreDestroy
  void stop() {
    servers.forEach(SMTPServer::stop);
    servers.clear();
  }

  private SMTPServer.Builder builder(int listenPort) {
    long maxWire = SizeLimits.wireLimit(SizeLimits.NET_LIMIT_BYTES);
    return new SMTPServer.Builder()
        .bindAddress(address(bindAddress))
        .port(listenPort)
        .hostName(hostName)
        .softwareName("TIM-KIM Fachdienst")
        .maxConnections(maxConnections)
        .maxRecipients(maxRecipients)
        .maxMessageSize((int) Math.min(Integer.MAX_VALUE, maxWire))
        .connectionTimeoutMs(idleTimeoutMs)
        .requireAuth()
        // KimMessageHandler writes its own Received header, which does not count against the limit
        .insertReceivedHeaders(false)
        .authenticationHandlerFactory(
            new EasyAuthenticationHandlerFactory(
                (user, password, context) -> {
                  if (accounts.authenticate(user, password).isEmpty()) {
                    throw new LoginFailedException();
                  }
                }))
        .executorService(executor())
        .messageHandlerFactory(
            context ->
                new KimMessageHandler(context, accounts, mailboxes, domains, maxWire, clock));
  }

  private ExecutorService executor() {
    // one thread per connection up to the connection limit (SubEthaSMTP's model), idle ones reaped
    return new ThreadPoolExecutor(
        0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("kim.smtp.bind-address: unknown host " + host, e);
    }
  }
}
