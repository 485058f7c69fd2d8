package de.timkim.api.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's address for per-address limits and the device list. Behind a load balancer every
 * request comes from the balancer, so {@code X-Forwarded-For} is read, but only when the request
 * comes from a configured trusted proxy ({@code tim.http.trusted-proxies}, default none): anybody
 * else could write any address into the header and so escape the per-address login limit.
 */
@ApplicationScoped
public class ClientAddresses {

  /** Addresses of the reverse proxies / load balancers, comma-separated (exact IP literals). */
  @Inject
  @ConfigProperty(name = "tim.http.trusted-proxies")
  Optional<String> trustedProxies;

  private Set<String> trusted;

  /**
   * The remote address, or, from a trusted proxy, the last address in {@code X-Forwarded-For} that
   * is not itself a trusted proxy (each proxy appends the address it was called from).
   */
  public String of(HttpServletRequest request) {
    String remote = request.getRemoteAddr();
    Set<String> proxies = trusted();
    if (proxies.isEmpty() || !proxies.contains(remote)) {
      return remote;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return remote;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !proxies.contains(hop)) {
        return hop;
      }
    }
    return remote;
  }

  private Set<String> trusted() {
    if (trusted == null) {
      trusted =
          Arrays.stream(trustedProxies.orElse("").split(","))
              .map(String::trim)
              .filter(address -> !address.isEmpty())
              .collect(Collectors.toUnmodifiableSet());
    }
    return trusted;
  }
}
