package de.timkim.connector;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * Which Konnektor a connection talks to when it is not the configured default: the embedded
 * software Konnektor, or a Konnektor's SOAP services at a given base URL (sites with several
 * Konnektors, or checking a new one before switching the default to it).
 *
 * @param soapBaseUrl base URL of the Konnektor's services; null for the software Konnektor
 */
public record KonnektorTarget(URI soapBaseUrl) implements Serializable {

  public static KonnektorTarget software() {
    return new KonnektorTarget(null);
  }

  public static KonnektorTarget soap(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("Konnektor URL must be http or https: " + baseUrl);
    }
    return new KonnektorTarget(baseUrl);
  }

  public boolean isSoftware() {
    return soapBaseUrl == null;
  }
}
