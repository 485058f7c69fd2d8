package de.timkim.kim.relay;

import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.sockets.SocketBindings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which Fachdienst serves which foreign KIM domain ({@code kim.relay.routes=domain=host:port,...}).
 * The TI has no public MX records for KIM, so the operator configures the table.
 */
@ApplicationScoped
public class RelayRoutes {

  private static final Logger LOG = Logger.getLogger(RelayRoutes.class.getName());

  /** A Fachdienst's SMTP listener (implicit TLS). */
  public record Route(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }

    static Route parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("route must be host:port: " + text);
      }
      String host = text.substring(0, colon).trim();
      String portText = text.substring(colon + 1).trim();
      if (!portText.matches("\\d{1,5}")) {
        // a socket binding of this server, port offset applied: lets a test installation relay
        // to its own SMTPS listener as if it were another Fachdienst
        return new Route(host, SocketBindings.resolve(portText, host, 0).getPort());
      }
      int port = Integer.parseInt(portText);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + text);
      }
      return new Route(host, port);
    }
  }

  @Inject
  @ConfigProperty(name = "kim.relay.routes", defaultValue = " ")
  String configured;

  private volatile Map<String, Route> routes;

  private Map<String, Route> routes() {
    if (routes == null) {
      Map<String, Route> parsed = new HashMap<>();
      for (String entry : configured.split(",")) {
        if (entry.isBlank()) {
          continue;
        }
        int equals = entry.indexOf('=');
        try {
          if (equals <= 0) {
            throw new IllegalArgumentException("entry must be domain=host:port");
          }
          parsed.put(
              entry.substring(0, equals).trim().toLowerCase(Locale.ROOT),
              Route.parse(entry.substring(equals + 1)));
        } catch (IllegalArgumentException e) {
          LOG.severe(() -> "kim.relay.routes: ignoring '" + entry + "': " + e.getMessage());
        }
      }
      routes = Map.copyOf(parsed);
    }
    return routes;
  }

  /** Where mail for this address goes, if its domain is served by another Fachdienst. */
  public Optional<Route> routeFor(KimAddress address) {
    return Optional.ofNullable(routes().get(address.domain()));
  }
}
