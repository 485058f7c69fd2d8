package de.timkim.connector.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KonnektorManagedConnectionTest {

  @Test
  void softwareBackendReportsItsProductInformation() throws Exception {
    var factory = new KonnektorManagedConnectionFactory();
    var managed = (KonnektorManagedConnection) factory.createManagedConnection(null, null);
    try (KonnektorConnection connection = (KonnektorConnection) managed.getConnection(null, null)) {
      var info = connection.productInformation();
      assertEquals("software", info.backend());
      assertEquals("Software-Konnektor", info.productName());
    }
  }

  @Test
  void closingAHandleTellsThePoolSoTheConnectionCanBeReused() throws Exception {
    var factory = new KonnektorManagedConnectionFactory();
    var managed = (KonnektorManagedConnection) factory.createManagedConnection(null, null);
    List<Integer> events = new ArrayList<>();
    managed.addConnectionEventListener(recording(events));
    var handle = (KonnektorConnection) managed.getConnection(null, null);
    handle.close();
    assertEquals(List.of(ConnectionEvent.CONNECTION_CLOSED), events);
    assertThrows(KonnektorException.class, handle::productInformation);
    assertSame(managed, factory.matchManagedConnections(Set.of(managed), null, null));
  }

  @Test
  void unknownBackendIsRefusedWithItsName() {
    var factory = new KonnektorManagedConnectionFactory();
    factory.setBackend("carrier-pigeon");
    var e =
        assertThrows(ResourceException.class, () -> factory.createManagedConnection(null, null));
    assertEquals(
        "Unknown Konnektor backend 'carrier-pigeon' (supported: software, soap)", e.getMessage());
  }

  @Test
  void soapBackendWithoutEndpointIsRefusedNamingTheSetting() {
    var factory = new KonnektorManagedConnectionFactory();
    factory.setBackend("soap");
    factory.setSoapEndpoint("none");
    var e =
        assertThrows(ResourceException.class, () -> factory.createManagedConnection(null, null));
    assertEquals(
        "Konnektor backend 'soap' needs soapEndpoint (TIM_KONNEKTOR_SOAP_URL)", e.getMessage());
  }

  @Test
  void connectionsForAnotherKonnektorAreNotHandedToDefaultRequests() throws Exception {
    var factory = new KonnektorManagedConnectionFactory();
    var other =
        new KonnektorRequest(
            de.timkim.connector.KonnektorTarget.soap(java.net.URI.create("http://127.0.0.1:1/ws")));
    var managed = factory.createManagedConnection(null, other);
    assertEquals(null, factory.matchManagedConnections(Set.of(managed), null, null));
    assertSame(managed, factory.matchManagedConnections(Set.of(managed), null, other));
  }

  private static ConnectionEventListener recording(List<Integer> events) {
    return new ConnectionEventListener() {
      @Override
      public void connectionClosed(ConnectionEvent event) {
        events.add(event.getId());
      }

      @Override
      public void localTransactionStarted(ConnectionEvent event) {}

      @Override
      public void localTransactionCommitted(ConnectionEvent event) {}

      @Override
      public void localTransactionRolledback(ConnectionEvent event) {}

      @Override
      public void connectionErrorOccurred(ConnectionEvent event) {
        events.add(event.getId());
      }
    };
  }
}
