package de.timkim.messenger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Matrix server names this deployment serves: the messenger services in the database (the
 * configured {@code tim.matrix.server-names} among them; the first configured one is the default
 * when a request's Host matches none).
 *
 * <p>A service created on any node is served by every node on the next request that names it: names
 * not yet seen are looked up in the database. Names seen are cached per node; that cache cannot go
 * stale because server names are never deleted.
 */
@ApplicationScoped
public class ServerNames {

  @Inject
  @ConfigProperty(name = "tim.matrix.server-names", defaultValue = "localhost")
  String configured;

  @Inject ProvisionedServices provisioned;

  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  /** Every server name served, from the database. */
  public List<String> all() {
    return provisioned.serverNames();
  }

  private List<String> configuredNames() {
    return Arrays.stream(configured.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public String defaultName() {
    return configuredNames().get(0);
  }

  /** True if {@code serverName} is one of ours (for example an mxc:// URI's origin). */
  public boolean isServed(String serverName) {
    if (serverName == null) {
      return false;
    }
    String name = serverName.toLowerCase(Locale.ROOT);
    if (seen.contains(name) || configuredNames().contains(name)) {
      return true;
    }
    if (provisioned.isProvisioned(name)) {
      seen.add(name);
      return true;
    }
    return false;
  }

  /** The server name a request's Host header addresses (port ignored), or the default. */
  public String forHost(String host) {
    if (host != null) {
      String name = host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
      if (isServed(name)) {
        return name;
      }
    }
    return defaultName();
  }
}
