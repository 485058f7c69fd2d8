package de.timkim.api.konnektor.soap;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.soap.wire.KonnektorFault;
import jakarta.annotation.Resource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What every facade endpoint does: check the facade is switched on, take a software Konnektor
 * connection from the adapter's pool (always the software one, whatever the default backend, so a
 * SOAP default cannot loop back here), run the operation, and turn a KonnektorException into the
 * TelematikError fault.
 */
abstract class SoftwareKonnektorFacade {

  @Resource(lookup = "java:/eis/Konnektor")
  KonnektorConnectionFactory konnektor;

  @FunctionalInterface
  interface Operation<T> {
    T on(KonnektorConnection connection) throws KonnektorException;
  }

  <T> T run(Operation<T> operation) throws KonnektorFault {
    boolean enabled =
        ConfigProvider.getConfig()
            .getOptionalValue("tim.konnektor.test-tools.enabled", Boolean.class)
            .orElse(false);
    try {
      if (!enabled) {
        // gemSpec_Kon 4058 "Aufruf nicht zulässig"
        throw new KonnektorException(
            4058, "Aufruf nicht zulässig: the software Konnektor's SOAP facade is off");
      }
      try (KonnektorConnection connection = konnektor.getConnection(KonnektorTarget.software())) {
        return operation.on(connection);
      }
    } catch (KonnektorException e) {
      throw KonnektorFault.of(e);
    }
  }
}
