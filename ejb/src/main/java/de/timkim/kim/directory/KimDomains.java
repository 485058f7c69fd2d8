package de.timkim.kim.directory;

import de.timkim.kim.mail.KimAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The KIM domains this Fachdienst hosts mailboxes for ({@code kim.domains}). */
@ApplicationScoped
public class KimDomains {

  @Inject
  @ConfigProperty(name = "kim.domains", defaultValue = "localhost")
  String configuredDomains;

  private volatile Set<String> local;

  private Set<String> local() {
    if (local == null) {
      local =
          Arrays.stream(configuredDomains.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(s -> s.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
    }
    return local;
  }

  /** Whether mail for this address is stored here. */
  public boolean isLocal(KimAddress address) {
    return local().contains(address.domain());
  }

  /** The domain server-generated mail (bounces, notices) is sent from. */
  public String primaryDomain() {
    return configuredDomains.split(",")[0].trim().toLowerCase(Locale.ROOT);
  }
}
