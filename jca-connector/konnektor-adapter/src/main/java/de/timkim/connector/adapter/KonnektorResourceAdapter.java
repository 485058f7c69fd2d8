package de.timkim.connector.adapter;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/** Outbound only; card operations are not transactional, hence NoTransaction. */
@Connector(
    displayName = "TIM-KIM Konnektor",
    vendorName = "TIM-KIM",
    eisType = "gematik TI Konnektor",
    version = "1.0",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class KonnektorResourceAdapter implements ResourceAdapter {

  private static final Logger LOG = Logger.getLogger(KonnektorResourceAdapter.class.getName());

  @Override
  public void start(BootstrapContext ctx) {
    LOG.info("Konnektor resource adapter started");
  }

  @Override
  public void stop() {
    LOG.info("Konnektor resource adapter stopped");
  }

  @Override
  public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
    throw new UnsupportedOperationException("The Konnektor adapter has no inbound side");
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
    // no inbound side
  }

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  @Override
  public int hashCode() {
    return KonnektorResourceAdapter.class.hashCode();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KonnektorResourceAdapter;
  }
}
