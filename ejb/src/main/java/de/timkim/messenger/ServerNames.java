package de.timkim.messenger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Matrix server names this deployment serves (config {@code tim.matrix.server-names}, comma
 * separated; the first is the default when a request's Host matches none).
 */
@ApplicationScoped
public class ServerNames {

  @Inject
  @ConfigProperty(name = "tim.matrix.server-names", defaultValue = "localhost")
  String configured;

  public List<String> all() {
    return Arrays.stream(configured.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public String defaultName() {
    return all().get(0);
  }

  /** The server name a request's Host header addresses (port ignored), or the default. */
  public String forHost(String host) {
    if (host != null) {
      String name = host.replaceFirst(":\\d+$", "").toLowerCase(java.util.Locale.ROOT);
      for (String candidate : all()) {
        if (candidate.equalsIgnoreCase(name)) {
          return candidate;
        }
      }
    }
    return defaultName();
  }
}
