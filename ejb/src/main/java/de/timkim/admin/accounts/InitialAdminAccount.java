package de.timkim.admin.accounts;

import de.timkim.platform.security.PasswordHasher;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * On a fresh installation creates the portal account "admin" and writes its password to {@code
 * <data dir>/tim/initial-admin-password} (readable by the server's user only), never to the log.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class InitialAdminAccount {

  private static final Logger LOG = Logger.getLogger(InitialAdminAccount.class.getName());
  static final String USERNAME = "admin";

  @Inject private AdminAccountService accounts;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void createIfNoneExists() {
    if (accounts.count() > 0) {
      return;
    }
    String password = PasswordHasher.randomPassword();
    Path file =
        Path.of(System.getProperty("jboss.server.data.dir", "."), "tim", "initial-admin-password");
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, password + System.lineSeparator());
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning(() -> "Cannot write " + file + " (" + e + "); no initial admin account created");
      return;
    }
    try {
      accounts.create(USERNAME, password);
      LOG.info(() -> "Created portal account '" + USERNAME + "'; its password is in " + file);
    } catch (RuntimeException e) {
      LOG.info("Another cluster node created the initial portal account");
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the file holds a password nobody can use; harmless
      }
    }
  }
}
