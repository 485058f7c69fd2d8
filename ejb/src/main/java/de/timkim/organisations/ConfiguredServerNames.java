package de.timkim.organisations;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At start, the server names of {@code tim.matrix.server-names} become messenger services of the
 * operator's organisation, so installations from before organisations keep working unchanged.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ConfiguredServerNames {

  private static final Logger LOG = Logger.getLogger(ConfiguredServerNames.class.getName());

  @Inject private Organisations organisations;

  @Inject
  @ConfigProperty(name = "tim.matrix.server-names", defaultValue = "localhost")
  String configured;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void register() {
    for (String name : Arrays.stream(configured.split(",")).map(String::trim).toList()) {
      if (name.isEmpty()) {
        continue;
      }
      try {
        organisations.registerConfigured(name);
      } catch (EJBException raced) {
        // another node starting at the same time inserted it first
        LOG.fine(() -> "Server name " + name + " registered by another node");
      }
    }
  }
}
