package de.timkim.kim.clientmodule;

import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.clientmodule.smime.SmimeService;
import de.timkim.kim.directory.KimDirectory;
import de.timkim.kim.mail.SizeLimits;
import de.timkim.kim.pop3.Pop3Commands;
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
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.logging.Logger;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.netty.NettyServer;
import org.apache.james.protocols.pop3.POP3Session;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The client module's local SMTP ({@code kim.clientmodule.smtp-port}, 10025) and POP3 ({@code
 * kim.clientmodule.pop3-port}, 10110) servers for the practice software, on {@code
 * kim.clientmodule.bind-address} (loopback by default: the practice software runs beside it). Ports
 * move with {@code jboss.socket.binding.port-offset}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClientModuleListeners {

  private static final Logger LOG = Logger.getLogger(ClientModuleListeners.class.getName());

  @Inject
  @ConfigProperty(name = "kim.clientmodule.enabled", defaultValue = "true")
  boolean enabled;

  /**
   * The Fachdienste the client module may send a practice's password to (host names or addresses,
   * comma- or space-separated). Default: this installation, on loopback or under {@code
   * kim.host-name}.
   */
  @Inject
  @ConfigProperty(name = "kim.clientmodule.fachdienst-hosts")
  java.util.Optional<String> fachdienstHosts;

  @Inject
  @ConfigProperty(name = "kim.host-name", defaultValue = "localhost")
  String hostName;

  /** PEM file of the TI CAs a Fachdienst's TLS certificate must chain to (host name checked). */
  @Inject
  @ConfigProperty(name = "kim.clientmodule.fachdienst-truststore")
  java.util.Optional<String> fachdienstTrustStore;

  /** {@code address#Mandant#ClientSystem#Workplace}, comma-separated; see ClientModuleAccess. */
  @Inject
  @ConfigProperty(name = "kim.clientmodule.bindings", defaultValue = " ")
  String bindings;

  @Inject
  @ConfigProperty(name = "kim.clientmodule.fachdienst-timeout-ms", defaultValue = "120000")
  int fachdienstTimeoutMs;

  @Inject
  @ConfigProperty(name = "kim.clientmodule.spool-path")
  java.util.Optional<String> spoolPath;

  @Inject KimDirectory directory;

  @Inject SmimeService smime;

  @Inject KimAccountService accounts;

  @Inject KimTls tls;

  @Resource ManagedThreadFactory threads;

  private SMTPServer smtp;
  private NettyServer pop3;

  @PostConstruct
  void start() {
    if (!enabled) {
      LOG.info("KIM client module disabled (kim.clientmodule.enabled=false)");
      return;
    }
    InetSocketAddress smtpAddress =
        SocketBindings.resolve("kim-clientmodule-smtp", "127.0.0.1", 10025);
    InetSocketAddress pop3Address =
        SocketBindings.resolve("kim-clientmodule-pop3", "127.0.0.1", 10110);
    FachdienstClient fachdienst =
        new FachdienstClient(
            KimTls.verifyingHostName(
                tls.fachdienstClientContext(
                    fachdienstTrustStore.filter(p -> !p.isBlank()).map(Path::of))),
            fachdienstTimeoutMs);
    ClientModuleAccess access =
        ClientModuleAccess.of(
            fachdienstHosts.filter(h -> !h.isBlank()).orElse("localhost 127.0.0.1 ::1 " + hostName),
            bindings,
            accounts::find);
    smtp = smtpServer(smtpAddress, fachdienst, access);
    smtp.start();
    pop3 = MailListeners.pop3Server(pop3Handlers(fachdienst, access), 1024, Optional.empty());
    try {
      MailListeners.bind(pop3, pop3Address, "the client module's POP3");
    } catch (IllegalStateException e) {
      smtp.stop();
      throw e;
    }
    LOG.info(() -> "KIM client module listening: SMTP " + smtpAddress + ", POP3 " + pop3Address);
  }

  private SMTPServer smtpServer(
      InetSocketAddress listen, FachdienstClient fachdienst, ClientModuleAccess access) {
    // SMTP AUTH hands the client module the account's password, which it needs again to log in to
    // the Fachdienst for each message; kept per connection only
    Map<MessageContext, Credentials> logins = Collections.synchronizedMap(new WeakHashMap<>());
    return MailListeners.smtpServer(
            listen, "localhost", "TIM-KIM Clientmodul", 50, SizeLimits.NET_LIMIT_BYTES, threads)
        .requireAuth()
        .authenticationHandlerFactory(
            new EasyAuthenticationHandlerFactory(
                (user, password, context) -> {
                  ClientModuleLogin login;
                  try {
                    login = ClientModuleLogin.parse(user);
                    if (refused(access, login) || !fachdienst.canLogIn(login, password)) {
                      throw new LoginFailedException();
                    }
                  } catch (IllegalArgumentException | jakarta.mail.MessagingException e) {
                    throw new LoginFailedException(
                        e instanceof IllegalArgumentException
                            ? e.getMessage()
                            : "Fachdienst not reachable");
                  }
                  logins.put(context, new Credentials(login, password));
                }))
        .messageHandlerFactory(
            context -> {
              Credentials credentials = logins.get(context);
              return credentials == null
                  ? OutgoingMessageHandler.notLoggedIn(context)
                  : new OutgoingMessageHandler(
                      credentials.login(), credentials.password(), directory, smime, fachdienst);
            })
        .build();
  }

  @PreDestroy
  void stop() {
    if (smtp != null) {
      smtp.stop();
    }
    if (pop3 != null) {
      pop3.unbind();
    }
  }

  private record Credentials(ClientModuleLogin login, String password) {}

  private Path spool() {
    return spoolPath
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(
            () ->
                Path.of(
                    System.getProperty("jboss.server.data.dir", "."), "tim", "kim-clientmodule"));
  }

  /** Logs why a login is not served (address only, never the password). */
  private static boolean refused(ClientModuleAccess access, ClientModuleLogin login) {
    java.util.Optional<String> refusal = access.refusal(login);
    refusal.ifPresent(
        reason ->
            LOG.info(() -> "Client module login of " + login.address() + " refused: " + reason));
    return refusal.isPresent();
  }

  private ProtocolHandlerChainImpl pop3Handlers(
      FachdienstClient fachdienst, ClientModuleAccess access) {
    MetricFactory metrics = Pop3Commands.metrics();
    // a practice session dropped without QUIT ends its Fachdienst session at once (QUIT without
    // DELE), or the Fachdienst's maildrop lock would keep the practice out until the idle timeout
    DisconnectHandler<POP3Session> closeUpstream =
        session -> {
          if (session.getUserMailbox() instanceof ClientModuleMailbox mailbox) {
            mailbox.close();
          }
        };
    return Pop3Commands.chain(
        new ClientModuleUserCommand(metrics),
        new ClientModulePassCommand(
            metrics, fachdienst, smime, spool(), login -> refused(access, login)),
        closeUpstream);
  }
}
