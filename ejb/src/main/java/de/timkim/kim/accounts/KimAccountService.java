package de.timkim.kim.accounts;

import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/** Creates KIM accounts, changes their state and checks their passwords. */
@Stateless
public class KimAccountService {

  private static final Logger LOG = Logger.getLogger(KimAccountService.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private RateLimiter rateLimiter;

  @Inject private Clock clock;

  /**
   * Creates an active account.
   *
   * @throws IllegalStateException if the address already has an account
   */
  public KimAccount create(KimAddress address, String password) {
    if (password == null || password.length() < 8) {
      throw new IllegalArgumentException("The password must have at least 8 characters");
    }
    if (em.find(KimAccount.class, address.toString()) != null) {
      throw new IllegalStateException("The address already has an account");
    }
    KimAccount account = new KimAccount(address, PasswordHasher.hash(password), clock.millis());
    em.persist(account);
    LOG.info(() -> "KIM account created: " + address);
    return account;
  }

  public Optional<KimAccount> find(KimAddress address) {
    return Optional.ofNullable(em.find(KimAccount.class, address.toString()));
  }

  /** Moves the account to {@code state}; deregistration starts the retention period of its mail. */
  public KimAccount changeState(KimAddress address, AccountState state) {
    KimAccount account =
        em.find(KimAccount.class, address.toString(), LockModeType.PESSIMISTIC_WRITE);
    if (account == null) {
      throw new IllegalArgumentException("No such KIM account");
    }
    account.changeState(state, clock.millis());
    LOG.info(() -> "KIM account " + address + " is now " + state);
    return account;
  }

  /**
   * The account whose password this is, unless the user name is unknown, the password wrong, the
   * account locked, or too many wrong passwords were tried for it lately (then even the right one
   * fails until the limit refills, so a guesser learns nothing). A deregistered account may still
   * log in to fetch the mail it has left.
   */
  public Optional<KimAccount> authenticate(String userName, String password) {
    KimAddress address;
    try {
      address = KimAddress.parse(userName);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String bucket = address.toString();
    if (!rateLimiter.hasToken(RateLimit.KIM_FAILED_LOGIN_PER_ACCOUNT, bucket)) {
      LOG.info(() -> "KIM login refused, too many failed attempts: " + address);
      return Optional.empty();
    }
    KimAccount account = em.find(KimAccount.class, address.toString());
    boolean valid =
        account != null
            && account.state() != AccountState.LOCKED
            && PasswordHasher.matches(password, account.passwordHash());
    if (!valid) {
      rateLimiter.record(RateLimit.KIM_FAILED_LOGIN_PER_ACCOUNT, bucket);
      return Optional.empty();
    }
    return Optional.of(account);
  }
}
