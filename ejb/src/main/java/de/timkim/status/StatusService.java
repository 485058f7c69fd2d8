package de.timkim.status;

import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.ProductInformation;
import de.timkim.messenger.ServerNames;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Checks this node's dependencies; used by GET /_tim/v1/status and the portal's overview. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StatusService {

  private static final Logger LOG = Logger.getLogger(StatusService.class.getName());

  @Resource(lookup = "java:jboss/datasources/TimDS")
  private DataSource dataSource;

  @Resource(lookup = "java:/eis/Konnektor")
  private KonnektorConnectionFactory konnektor;

  @Inject private ServerNames serverNames;

  public ServiceStatus check() {
    String product;
    boolean dbOk;
    try (Connection c = dataSource.getConnection()) {
      dbOk = c.isValid(2);
      product = c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      LOG.warning(() -> "Database check failed: " + e.getMessage());
      dbOk = false;
      product = e.getMessage();
    }
    String konnektorText;
    boolean konnektorOk;
    try (KonnektorConnection connection = konnektor.getConnection()) {
      ProductInformation info = connection.productInformation();
      konnektorText =
          info.vendor()
              + " "
              + info.productName()
              + " "
              + info.version()
              + " ("
              + info.backend()
              + ")";
      konnektorOk = true;
    } catch (KonnektorException e) {
      LOG.warning(() -> "Konnektor check failed: " + e.getMessage());
      konnektorText = e.getMessage();
      konnektorOk = false;
    }
    return new ServiceStatus(dbOk, product, konnektorOk, konnektorText, serverNames.all());
  }
}
