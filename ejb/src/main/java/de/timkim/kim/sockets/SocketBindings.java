package de.timkim.kim.sockets;

import java.net.InetSocketAddress;
import java.util.logging.Logger;

/**
 * Where a KIM listener listens. configure-kim.cli adds the socket bindings {@code kim-smtps},
 * {@code kim-submission}, {@code kim-pop3s}, {@code kim-clientmodule-smtp} and {@code
 * kim-clientmodule-pop3} and, from the same environment variables, the system properties {@code
 * kim.socket-binding.<binding>.port} (and {@code .address} for the client module's interface),
 * which this class reads. It does not ask the management model: the EAR deploys while the server
 * boots, and a model read then fails (WFLYCTL0013 errors in the log). {@code
 * jboss.socket.binding.port-offset} is applied as WildFly does for its own listeners. Without the
 * properties (a server not configured by the scripts) the given defaults are used, offset the same
 * way.
 */
public final class SocketBindings {

  private static final Logger LOG = Logger.getLogger(SocketBindings.class.getName());

  private SocketBindings() {}

  public static InetSocketAddress resolve(String binding, String defaultHost, int defaultPort) {
    int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
    String prefix = "kim.socket-binding." + binding;
    String host = System.getProperty(prefix + ".address", defaultHost).trim();
    int port = defaultPort;
    String configured = System.getProperty(prefix + ".port");
    if (configured != null) {
      try {
        port = Integer.parseInt(configured.trim());
      } catch (NumberFormatException e) {
        int fallback = defaultPort;
        LOG.warning(() -> prefix + ".port is not a port: '" + configured + "'; using " + fallback);
      }
    }
    return new InetSocketAddress(host, port + offset);
  }
}
