package de.timkim.connector.soft;

import de.timkim.connector.ProductInformation;
import de.timkim.connector.adapter.KonnektorBackend;

/** The embedded default backend. Holds no TI connection; everything happens in this JVM. */
public final class SoftwareKonnektor implements KonnektorBackend {

  static final String VENDOR = "TIM-KIM";
  static final String PRODUCT = "Software-Konnektor";

  @Override
  public ProductInformation productInformation() {
    String version = SoftwareKonnektor.class.getPackage().getImplementationVersion();
    return new ProductInformation(VENDOR, PRODUCT, version == null ? "dev" : version, "software");
  }

  @Override
  public void close() {
    // nothing held open
  }
}
