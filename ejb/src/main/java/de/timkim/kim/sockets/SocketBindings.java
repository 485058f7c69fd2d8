package de.timkim.kim.sockets;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads a socket binding of the {@code standard-sockets} group (configure-kim.cli adds {@code
 * kim-smtps}, {@code kim-submission}, {@code kim-pop3s}, {@code kim-clientmodule-smtp}, {@code
 * kim-clientmodule-pop3}) from WildFly's management model, and applies {@code
 * jboss.socket.binding.port-offset} as WildFly does for its own listeners. Without the binding (a
 * server not configured by the scripts) the given default port is used, offset the same way.
 */
public final class SocketBindings {

  private static final Logger LOG = Logger.getLogger(SocketBindings.class.getName());

  private SocketBindings() {}

  public static InetSocketAddress resolve(String binding, String defaultHost, int defaultPort) {
    int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName name =
          new ObjectName(
              "jboss.as:socket-binding-group=standard-sockets,socket-binding=" + binding);
      if (server.isRegistered(name)) {
        Object port = server.getAttribute(name, "port");
        Object fixed = server.getAttribute(name, "fixedPort");
        Object host = server.getAttribute(name, "interface");
        if (host == null) {
          host = "public"; // the default interface of WildFly's standard-sockets group
        }
        int resolved = ((Number) port).intValue();
        return new InetSocketAddress(
            interfaceAddress(server, host == null ? null : host.toString(), defaultHost),
            Boolean.TRUE.equals(fixed) ? resolved : resolved + offset);
      }
    } catch (JMException | RuntimeException e) {
      LOG.warning(() -> "Cannot read socket binding " + binding + ": " + e);
    }
    return new InetSocketAddress(defaultHost, defaultPort + offset);
  }

  /** The address of the binding's interface, or the default when it has none of its own. */
  private static String interfaceAddress(MBeanServer server, String iface, String defaultHost)
      throws JMException {
    if (iface == null) {
      return defaultHost;
    }
    ObjectName name = new ObjectName("jboss.as:interface=" + iface);
    if (server.isRegistered(name)) {
      Object address = server.getAttribute(name, "resolvedAddress");
      if (address != null) {
        return address.toString();
      }
    }
    return defaultHost;
  }
}
