package de.timkim.platform.secrets;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Loads the secrets key at deployment and brings the database's secrets under it: clear values left
 * by earlier versions are encrypted in place, and every encrypted one must open with this key, or
 * the deployment fails (a node with another key file must not go on and, say, create a second
 * signing key). Runs after the schema migration; features get the key from {@link #secrets()}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class SecretsAtRestStartup {

  private static final Logger LOG = Logger.getLogger(SecretsAtRestStartup.class.getName());

  /** The columns that hold secrets: table, secret column, primary key columns. */
  private static final List<String[]> SECRET_COLUMNS =
      List.of(
          new String[] {"server_signing_key", "seed", "server_name", "key_id"},
          new String[] {"admin_account", "totp_secret", "id"});

  @Resource(lookup = "java:jboss/datasources/TimDS")
  private DataSource dataSource;

  @Inject
  @ConfigProperty(name = "tim.secrets.key-file")
  Optional<String> configuredKeyFile;

  private SecretsAtRest secrets;

  @PostConstruct
  void start() {
    Path keyFile =
        configuredKeyFile
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElseGet(
                () ->
                    Path.of(
                        System.getProperty("jboss.server.data.dir", "."), "tim", "secrets.key"));
    SecretsAtRest loaded = SecretsAtRest.fromKeyFile(keyFile);
    try (Connection connection = dataSource.getConnection()) {
      for (String[] column : SECRET_COLUMNS) {
        bringUnderKey(connection, loaded, column);
      }
    } catch (SecretsAtRest.WrongKeyException e) {
      LOG.severe(
          () ->
              "Secrets in the database were encrypted with another key than the one in "
                  + keyFile
                  + " (tim.secrets.key-file). Give this node the same key file as the other"
                  + " nodes (or restore the original one); the deployment stops here.");
      throw e;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot encrypt the secrets in the database", e);
    }
    secrets = loaded;
  }

  @Lock(LockType.READ)
  public SecretsAtRest secrets() {
    return secrets;
  }

  /**
   * Encrypts the column's clear values (the UPDATE matches the clear value, so when two nodes start
   * together only one writes each row and the other's update touches nothing) and checks that the
   * encrypted ones open with this key.
   */
  private static void bringUnderKey(Connection connection, SecretsAtRest secrets, String[] column)
      throws SQLException {
    String table = column[0];
    String secret = column[1];
    List<String> keys = List.of(column).subList(2, column.length);
    String select =
        "SELECT "
            + String.join(", ", keys)
            + ", "
            + secret
            + " FROM "
            + table
            + " WHERE "
            + secret
            + " IS NOT NULL";
    String where = String.join(" = ? AND ", keys) + " = ? AND " + secret + " = ?";
    String update = "UPDATE " + table + " SET " + secret + " = ? WHERE " + where;
    List<Object[]> clearRows = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(select);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        String stored = rows.getString(keys.size() + 1);
        if (SecretsAtRest.isSealed(stored)) {
          secrets.open(stored);
        } else {
          Object[] row = new Object[keys.size() + 1];
          for (int i = 0; i < row.length; i++) {
            row[i] = rows.getObject(i + 1);
          }
          clearRows.add(row);
        }
      }
    }
    int sealed = 0;
    for (Object[] row : clearRows) {
      try (PreparedStatement statement = connection.prepareStatement(update)) {
        statement.setString(1, secrets.seal((String) row[row.length - 1]));
        for (int i = 0; i < row.length; i++) {
          statement.setObject(i + 2, row[i]);
        }
        sealed += statement.executeUpdate();
      }
    }
    if (sealed > 0) {
      int count = sealed;
      LOG.log(
          Level.INFO,
          () -> "Encrypted " + count + " clear value(s) of " + table + "." + secret + " at rest");
    }
  }
}
