package de.timkim.admin.accounts;

import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;

/** Creating portal accounts and checking their passwords. */
@Stateless
public class AdminAccountService {

  /** Hashed once so that an unknown user name costs as much time as a wrong password. */
  private static final String DUMMY_HASH = PasswordHasher.hash("timing-equaliser");

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  /** The signed-in account, or empty for an unknown name or wrong password (not saying which). */
  public Optional<SignedInAdmin> authenticate(String username, String password) {
    Optional<AdminAccount> account = find(username);
    String hash = account.map(AdminAccount::passwordHash).orElse(DUMMY_HASH);
    if (!PasswordHasher.matches(password, hash) || account.isEmpty()) {
      return Optional.empty();
    }
    account.get().recordLogin(clock.millis());
    return Optional.of(new SignedInAdmin(account.get().id(), account.get().username()));
  }

  public SignedInAdmin create(String username, String password) {
    if (username == null || !username.matches("[a-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException(
          "A user name is 1 to 128 characters of a-z, 0-9, '.', '_' or '-'");
    }
    if (password == null || password.length() < 12) {
      throw new IllegalArgumentException("A password needs at least 12 characters");
    }
    AdminAccount account =
        new AdminAccount(username, PasswordHasher.hash(password), clock.millis());
    em.persist(account);
    em.flush();
    return new SignedInAdmin(account.id(), account.username());
  }

  public long count() {
    return em.createNamedQuery(AdminAccount.COUNT, Long.class).getSingleResult();
  }

  private Optional<AdminAccount> find(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return em.createNamedQuery(AdminAccount.BY_USERNAME, AdminAccount.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }
}
