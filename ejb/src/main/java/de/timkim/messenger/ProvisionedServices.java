package de.timkim.messenger;

import java.util.List;

/**
 * The messenger services provisioned in this deployment. The organisations feature owns them and
 * implements this; the messenger asks through it, so the homeserver does not depend on the
 * organisations above it.
 */
public interface ProvisionedServices {

  /** Every provisioned server name, oldest first. */
  List<String> serverNames();

  /** Whether {@code serverName} (lower case) is a provisioned service. */
  boolean isProvisioned(String serverName);
}
