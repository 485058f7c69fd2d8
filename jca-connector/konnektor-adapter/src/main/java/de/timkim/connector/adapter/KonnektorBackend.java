package de.timkim.connector.adapter;

import de.timkim.connector.KonnektorException;
import de.timkim.connector.ProductInformation;

/** One way of reaching a Konnektor: the software Konnektor or a real one over SOAP. */
public interface KonnektorBackend extends AutoCloseable {

  ProductInformation productInformation() throws KonnektorException;

  @Override
  void close();
}
