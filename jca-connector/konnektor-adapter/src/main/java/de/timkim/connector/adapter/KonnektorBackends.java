package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.backend.KonnektorBackend;
import de.timkim.connector.soap.SoapKonnektor;
import de.timkim.connector.soft.SoftwareKonnektor;
import java.net.URI;

/** The one place that turns the adapter's settings (or a requested target) into a backend. */
final class KonnektorBackends {

  static final String SOFTWARE = "software";
  static final String SOAP = "soap";

  private KonnektorBackends() {}

  /** The target the settings name as default. */
  static KonnektorTarget defaultTarget(KonnektorManagedConnectionFactory settings)
      throws KonnektorException {
    String backend = settings.getBackend() == null ? SOFTWARE : settings.getBackend().trim();
    if (SOFTWARE.equals(backend)) {
      return KonnektorTarget.software();
    }
    if (SOAP.equals(backend)) {
      String url = KonnektorManagedConnectionFactory.blankToNull(settings.getSoapEndpoint());
      if (url == null) {
        throw new KonnektorException(
            0, "Konnektor backend 'soap' needs soapEndpoint (TIM_KONNEKTOR_SOAP_URL)");
      }
      try {
        return KonnektorTarget.soap(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new KonnektorException(0, "Bad Konnektor URL '" + url + "': " + e.getMessage());
      }
    }
    throw new KonnektorException(
        0,
        "Unknown Konnektor backend '" + backend + "' (supported: " + SOFTWARE + ", " + SOAP + ")");
  }

  static KonnektorBackend open(KonnektorManagedConnectionFactory settings, KonnektorTarget target)
      throws KonnektorException {
    if (target.isSoftware()) {
      return new SoftwareKonnektor(settings.softwareCards(), settings.defaultContext());
    }
    return new SoapKonnektor(
        target.soapBaseUrl(), settings.soapSettings(), settings.defaultContext());
  }
}
