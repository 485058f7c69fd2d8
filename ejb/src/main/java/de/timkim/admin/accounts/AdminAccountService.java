package de.timkim.admin.accounts;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.secrets.SecretsAtRestStartup;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Creating portal accounts and signing them in with password and one-time code (TOTP, RFC 6238).
 */
@Stateless
public class AdminAccountService {

  static final String TOTP_ISSUER = "TIM-KIM Org-Admin";

  /** How long a first enrolment's secret may be confirmed; a later sign-in may then start anew. */
  static final Duration ENROLMENT_VALIDITY = Duration.ofMinutes(10);

  /** Hashed once so that an unknown user name costs as much time as a wrong password. */
  private static final String DUMMY_HASH = PasswordHasher.hash("timing-equaliser");

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private RateLimiter rateLimiter;

  @Inject private SecretsAtRestStartup secrets;

  /**
   * First factor: the account if name and password are right, else empty (not saying which).
   * Nothing is signed in yet. Wrong passwords are throttled per user name and per client address
   * before the PBKDF2 hash is computed, so neither guessing nor flooding costs the server CPU (429
   * {@code M_LIMIT_EXCEEDED} when a budget is spent).
   */
  public Optional<PasswordChecked> checkPassword(
      String username, String password, String clientAddress) {
    String accountKey = username == null ? "" : username.toLowerCase(Locale.ROOT);
    String addressKey = clientAddress == null ? "unknown" : clientAddress;
    rateLimiter.check(RateLimit.FAILED_ADMIN_PASSWORD_PER_ADDRESS, addressKey);
    rateLimiter.check(RateLimit.FAILED_ADMIN_PASSWORD_PER_ACCOUNT, accountKey);
    Optional<AdminAccount> account = find(username);
    String hash = account.map(AdminAccount::passwordHash).orElse(DUMMY_HASH);
    if (!PasswordHasher.matches(password, hash) || account.isEmpty()) {
      rateLimiter.record(RateLimit.FAILED_ADMIN_PASSWORD_PER_ADDRESS, addressKey);
      rateLimiter.record(RateLimit.FAILED_ADMIN_PASSWORD_PER_ACCOUNT, accountKey);
      return Optional.empty();
    }
    AdminAccount found = account.get();
    return Optional.of(new PasswordChecked(found.id(), found.username(), found.totpConfirmed()));
  }

  /**
   * A new TOTP secret for an admin who has not confirmed one. An admin who already has a second
   * factor cannot replace it this way (that would let a password alone take over the account).
   */
  public TotpEnrolment beginEnrolment(PasswordChecked checked) {
    AdminAccount account =
        em.find(AdminAccount.class, checked.accountId(), LockModeType.PESSIMISTIC_WRITE);
    if (account.totpConfirmed()) {
      throw new AdminException(AdminError.SECOND_FACTOR_REQUIRED);
    }
    // single use and time-limited (security review, finding 12): while one enrolment is open, a
    // second sign-in with the same password cannot obtain a secret of its own
    if (enrolmentOpen(account)) {
      throw new AdminException(AdminError.ENROLMENT_IN_PROGRESS);
    }
    String secret = Totp.newSecret();
    // the app gets the secret in clear once; the database keeps it encrypted (finding 17)
    account.startTotpEnrolment(secrets.secrets().seal(secret), clock.millis());
    return new TotpEnrolment(secret, Totp.uri(TOTP_ISSUER, account.username(), secret));
  }

  /**
   * Second factor: the one-time code of the admin's app (confirming the enrolment on first use).
   * Each code is good once; wrong guesses are rate limited per account across the cluster.
   */
  public SignedInAdmin completeSignIn(PasswordChecked checked, String code) {
    String key = Long.toString(checked.accountId());
    rateLimiter.check(RateLimit.FAILED_SECOND_FACTOR_PER_ACCOUNT, key);
    // the row lock serialises two sign-ins racing with the same code on two nodes
    AdminAccount account =
        em.find(AdminAccount.class, checked.accountId(), LockModeType.PESSIMISTIC_WRITE);
    if (account == null || account.totpSecret() == null) {
      throw new AdminException(AdminError.WRONG_SECOND_FACTOR);
    }
    if (!account.totpConfirmed() && !enrolmentOpen(account)) {
      throw new AdminException(AdminError.ENROLMENT_EXPIRED);
    }
    OptionalLong step =
        Totp.verify(
            secrets.secrets().open(account.totpSecret()),
            code,
            clock.millis(),
            account.totpLastStep());
    if (step.isEmpty()) {
      rateLimiter.record(RateLimit.FAILED_SECOND_FACTOR_PER_ACCOUNT, key);
      throw new AdminException(AdminError.WRONG_SECOND_FACTOR);
    }
    account.acceptTotpStep(step.getAsLong());
    account.recordLogin(clock.millis());
    return signedIn(account);
  }

  /**
   * HTTP Basic for the REST API: name and password plus the current one-time code (header). An
   * account without a confirmed second factor is refused until its admin enrols one in the portal:
   * a password alone never administers anything (security review, finding 12). Automation may
   * repeat a code within its 30-second step.
   */
  public Optional<SignedInAdmin> authenticateForApi(
      String username, String password, String code, String clientAddress) {
    Optional<PasswordChecked> checked = checkPassword(username, password, clientAddress);
    if (checked.isEmpty()) {
      return Optional.empty();
    }
    AdminAccount account = em.find(AdminAccount.class, checked.get().accountId());
    if (!account.totpConfirmed()) {
      throw new AdminException(AdminError.SECOND_FACTOR_NOT_ENROLLED);
    }
    String key = Long.toString(account.id());
    rateLimiter.check(RateLimit.FAILED_SECOND_FACTOR_PER_ACCOUNT, key);
    if (code == null) {
      throw new AdminException(AdminError.SECOND_FACTOR_REQUIRED);
    }
    if (Totp.verify(secrets.secrets().open(account.totpSecret()), code, clock.millis(), null)
        .isEmpty()) {
      rateLimiter.record(RateLimit.FAILED_SECOND_FACTOR_PER_ACCOUNT, key);
      throw new AdminException(AdminError.WRONG_SECOND_FACTOR);
    }
    return Optional.of(signedIn(account));
  }

  /** A portal account of the operator's organisation (the initial admin). */
  public SignedInAdmin create(String username, String password) {
    return create(username, password, SignedInAdmin.OPERATOR_ORGANISATION_ID);
  }

  public SignedInAdmin create(String username, String password, String organisationId) {
    if (username == null || !username.matches("[a-z0-9._-]{1,128}")) {
      throw new AdminException(AdminError.INVALID_USERNAME);
    }
    if (password == null || password.length() < 12) {
      throw new AdminException(AdminError.WEAK_ADMIN_PASSWORD);
    }
    if (find(username).isPresent()) {
      throw new AdminException(AdminError.ADMIN_EXISTS);
    }
    AdminAccount account =
        new AdminAccount(username, PasswordHasher.hash(password), organisationId, clock.millis());
    em.persist(account);
    em.flush();
    return signedIn(account);
  }

  public long count() {
    return em.createNamedQuery(AdminAccount.COUNT, Long.class).getSingleResult();
  }

  private boolean enrolmentOpen(AdminAccount account) {
    Long started = account.totpEnrolmentStartedAt();
    return account.totpSecret() != null
        && started != null
        && clock.millis() - started < ENROLMENT_VALIDITY.toMillis();
  }

  private static SignedInAdmin signedIn(AdminAccount account) {
    return new SignedInAdmin(
        account.id(),
        account.username(),
        account.organisationId(),
        SignedInAdmin.OPERATOR_ORGANISATION_ID.equals(account.organisationId()));
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
