package de.timkim.messenger.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * User names (localparts) the server speaks as itself, which nobody may register or be given by an
 * admin: whoever held the server notices' name could write into every user's server-notices room.
 */
@ApplicationScoped
public class ReservedUserNames {

  @Inject
  @ConfigProperty(name = "tim.matrix.server-notices.localpart", defaultValue = "notices")
  String noticesLocalpart;

  /** Further names an operator keeps back, comma-separated (none by default). */
  @Inject
  @ConfigProperty(name = "tim.matrix.reserved-localparts")
  Optional<String> configured;

  /** Whether {@code localpart} is one the server keeps for itself (case does not matter). */
  public boolean isReserved(String localpart) {
    return localpart != null && names().contains(localpart.toLowerCase(Locale.ROOT));
  }

  private Set<String> names() {
    return Stream.concat(
            Stream.of(noticesLocalpart),
            Arrays.stream(configured.orElse("").split(",")).map(String::trim))
        .filter(name -> !name.isEmpty())
        .map(name -> name.toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }
}
