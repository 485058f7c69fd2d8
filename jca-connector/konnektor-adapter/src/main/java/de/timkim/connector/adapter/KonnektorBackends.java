package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorException;
import de.timkim.connector.soft.SoftwareKonnektor;

/** The one place that turns the adapter's "backend" setting into a backend. */
final class KonnektorBackends {

  static final String SOFTWARE = "software";

  private KonnektorBackends() {}

  static KonnektorBackend open(KonnektorManagedConnectionFactory settings)
      throws KonnektorException {
    String backend = settings.getBackend() == null ? SOFTWARE : settings.getBackend().trim();
    if (SOFTWARE.equals(backend)) {
      return new SoftwareKonnektor();
    }
    throw new KonnektorException(
        0, "Unknown Konnektor backend '" + backend + "' (supported: " + SOFTWARE + ")");
  }
}
