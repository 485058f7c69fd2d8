package de.timkim.kim.sockets;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;
import org.apache.james.protocols.netty.NettyServer;
import org.apache.james.protocols.pop3.POP3Configuration;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.subethamail.smtp.server.SMTPServer;

/**
 * What the Fachdienst's SMTP and POP3 listeners and the client module's share when they start:
 * sessions on the container's managed threads (so they may call EJBs), SubEthaSMTP's server
 * settings, and Apache James's POP3 server on Netty.
 */
public final class MailListeners {

  private MailListeners() {}

  /** One thread per connection up to the limit (SubEthaSMTP's model), idle ones reaped. */
  public static ExecutorService oneThreadPerConnection(int maxConnections, ThreadFactory threads) {
    return new ThreadPoolExecutor(
        0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
  }

  /**
   * An SMTP server on {@code listen} with sessions on {@code threads}; the caller adds TLS,
   * authentication and the message handler.
   */
  public static SMTPServer.Builder smtpServer(
      InetSocketAddress listen,
      String hostName,
      String softwareName,
      int maxConnections,
      long maxMessageBytes,
      ThreadFactory threads) {
    return new SMTPServer.Builder()
        .bindAddress(listen.getAddress())
        .port(listen.getPort())
        .hostName(hostName)
        .softwareName(softwareName)
        .maxConnections(maxConnections)
        .maxMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageBytes))
        // the message handlers write their own Received header (or none, for the client module)
        .insertReceivedHeaders(false)
        .executorService(oneThreadPerConnection(maxConnections, threads));
  }

  /** A POP3 server with {@code handlers}, implicit TLS if {@code tls} is given; not yet bound. */
  public static NettyServer pop3Server(
      ProtocolHandlerChainImpl handlers, int maxLineLength, Optional<Encryption> tls) {
    NettyServer.Factory factory =
        new NettyServer.Factory()
            .protocol(new POP3Protocol(handlers, new POP3Configuration()))
            .frameHandlerFactory(new LineDelimiterBasedChannelHandlerFactory(maxLineLength));
    tls.ifPresent(factory::secure);
    return factory.build();
  }

  /** Binds {@code server} to {@code listen}; {@code what} names it in the failure. */
  public static void bind(NettyServer server, InetSocketAddress listen, String what) {
    server.setListenAddresses(listen);
    try {
      server.bind();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start " + what + " on " + listen, e);
    }
  }
}
