package de.timkim.connector;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a Konnektor says about itself.
 *
 * @param vendor the manufacturer (ProductVendorID)
 * @param productName the product name (ProductCode)
 * @param version the firmware or software version
 * @param backend which backend the adapter talks to: "software" or "soap"
 */
public record ProductInformation(String vendor, String productName, String version, String backend)
    implements Serializable {

  public ProductInformation {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(backend, "backend");
  }
}
