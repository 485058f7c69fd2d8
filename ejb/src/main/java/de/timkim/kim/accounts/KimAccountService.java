package de.timkim.kim.accounts;

import de.timkim.connector.KonnektorException;
import de.timkim.kim.accounts.KimAccountException.Reason;
import de.timkim.kim.directory.KimDirectory;
import de.timkim.kim.directory.KimDomains;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mailbox.MailboxService;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rules of KIM accounts: who may create one (the operator, or an institution with a
 * registration code and its SMC-B), what a password must be, which KIM versions are served, what
 * deregistration does, and the rate-limited authentication SMTP AUTH, POP3 PASS and the account
 * manager use.
 */
@Stateless
public class KimAccountService {

  private static final Logger LOG = Logger.getLogger(KimAccountService.class.getName());

  /** The password policy, published as ServiceInformation passwordPolicyRegEx. */
  public static final String PASSWORD_POLICY_REGEX = "^.{8,128}$";

  /** The password policy in words (ServiceInformation passwordPolicyDisplay). */
  public static final String PASSWORD_POLICY_DISPLAY = "Mindestens 8, höchstens 128 Zeichen";

  private static final Pattern PASSWORD_POLICY = Pattern.compile(PASSWORD_POLICY_REGEX);

  /** KIM 1.5 in every form a client module names it (gematik Account.kimVersion, maxLength 4). */
  private static final Pattern SUPPORTED_KIM_VERSION = Pattern.compile("^1\\.5(\\+|\\.\\d)?$");

  @PersistenceContext private EntityManager em;

  @Inject private RateLimiter rateLimiter;

  @Inject private Clock clock;

  @Inject private KimDirectory directory;

  @Inject private KimDomains domains;

  @Inject private RegistrationCodes registrationCodes;

  @Inject private MailboxService mailboxes;

  /** How long unretrieved mail of a deregistered account stays (gematik: deregDate). */
  @Inject
  @ConfigProperty(name = "kim.deregistration.retention-days", defaultValue = "90")
  int retentionDays;

  /**
   * Creates an active account for the operator. With a card handle, the card's encryption
   * certificate, read through the Konnektor in the Mandant's context (null: the default context),
   * becomes the address's directory entry.
   *
   * @throws KimAccountException WEAK_PASSWORD, ADDRESS_TAKEN, or DIRECTORY_UNAVAILABLE (then
   *     nothing was created)
   */
  public KimAccount create(
      KimAddress address, String password, String mandantId, String cardHandle) {
    KimAccount account = createAccount(address, password);
    if (cardHandle != null) {
      try {
        KimDirectory.PublishedCard card = directory.publishFromCard(address, mandantId, cardHandle);
        // the card's Telematik-ID is whom a signature on this address's mail must name (the client
        // module compares them), its Mandant the one context the client module serves it in
        account.bindToCard(
            card.certificates().stream()
                .map(TelematikIds::of)
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(null),
            card.mandantId());
      } catch (KonnektorException e) {
        throw new KimAccountException(
            Reason.DIRECTORY_UNAVAILABLE,
            "The card's certificate could not be read: " + e.getMessage());
      }
    }
    return account;
  }

  /** Creates an active account without a directory entry. */
  public KimAccount create(KimAddress address, String password) {
    return create(address, password, null, null);
  }

  /**
   * Registers an account for an institution (gematik registerAccount): the registration code is
   * spent, the account is bound to the Telematik-ID of the SMC-B that authenticated. All or
   * nothing: any refusal leaves the code unused and no account.
   */
  public KimAccount register(
      AuthenticatedInstitution institution,
      String referenceId,
      String initialPassword,
      KimAddress address,
      String password,
      String kimVersion,
      boolean noVzdMailEntry) {
    if (!domains.isLocal(address)) {
      throw new KimAccountException(
          Reason.INVALID_INPUT, "The domain " + address.domain() + " is not served here");
    }
    requireSupportedVersion(kimVersion);
    registrationCodes.redeem(referenceId, initialPassword, address);
    KimAccount account = createAccount(address, password);
    account.bindTo(institution.telematikId());
    account.changeKimVersion(kimVersion);
    account.changeNoVzdMailEntry(noVzdMailEntry);
    LOG.info(
        () ->
            "KIM account " + address + " registered by Telematik-ID " + institution.telematikId());
    return account;
  }

  /**
   * The account, if {@code password} is its password and the institution is the one it is bound to.
   * Every account manager operation after registration starts here.
   *
   * @throws KimAccountException NO_SUCH_ACCOUNT or AUTHENTICATION_FAILED
   */
  public KimAccount requireOwner(
      AuthenticatedInstitution institution, KimAddress address, String password) {
    KimAccount account =
        em.find(KimAccount.class, address.toString(), LockModeType.PESSIMISTIC_WRITE);
    if (account == null) {
      throw new KimAccountException(Reason.NO_SUCH_ACCOUNT, "No KIM account " + address);
    }
    if (authenticate(address.toString(), password).isEmpty()) {
      throw new KimAccountException(Reason.AUTHENTICATION_FAILED, "Wrong password");
    }
    if (account.telematikId() == null || !account.telematikId().equals(institution.telematikId())) {
      throw new KimAccountException(
          Reason.AUTHENTICATION_FAILED,
          "The SMC-B's Telematik-ID is not the one the account is registered for");
    }
    return account;
  }

  /**
   * Changes what the institution may change (gematik setAccount); null leaves a value as it is.
   * {@code noVzdMailEntry = true} withdraws the address's directory entry.
   */
  public KimAccount update(
      AuthenticatedInstitution institution,
      KimAddress address,
      String password,
      String newPassword,
      String kimVersion,
      Boolean noVzdMailEntry) {
    KimAccount account = requireOwner(institution, address, password);
    if (newPassword != null) {
      requirePolicy(newPassword);
      account.changePasswordHash(PasswordHasher.hash(newPassword));
      LOG.info(() -> "KIM account " + address + ": password changed");
    }
    if (kimVersion != null) {
      requireSupportedVersion(kimVersion);
      account.changeKimVersion(kimVersion);
    }
    if (noVzdMailEntry != null) {
      account.changeNoVzdMailEntry(noVzdMailEntry);
      if (noVzdMailEntry) {
        directory.withdraw(address);
      }
    }
    return account;
  }

  /**
   * Deregisters the account (gematik deregisterAccount): it no longer sends or receives; its
   * unretrieved mail stays retrievable by POP3 until {@link #deregistrationDate}, then {@link
   * #purgeDeregistered} deletes it with the account.
   */
  public KimAccount deregister(
      AuthenticatedInstitution institution, KimAddress address, String password) {
    KimAccount account = requireOwner(institution, address, password);
    if (account.state() != AccountState.DEREGISTERED) {
      account.changeState(AccountState.DEREGISTERED, clock.millis());
      directory.withdraw(address);
      LOG.info(() -> "KIM account " + address + " deregistered by its institution");
    }
    return account;
  }

  /** Takes a deregistration back within the retention period (gematik revokeDeregistration). */
  public KimAccount revokeDeregistration(
      AuthenticatedInstitution institution, KimAddress address, String password) {
    KimAccount account = requireOwner(institution, address, password);
    if (account.state() != AccountState.DEREGISTERED) {
      throw new KimAccountException(
          Reason.NOT_DEREGISTERED, "The account has not been deregistered");
    }
    account.changeState(AccountState.ACTIVE, clock.millis());
    LOG.info(() -> "KIM account " + address + ": deregistration revoked");
    return account;
  }

  /** When a deregistered account and its mail go (gematik deregDate), in epoch milliseconds. */
  public Optional<Long> deregistrationDate(KimAccount account) {
    return Optional.ofNullable(account.deregisteredAt())
        .map(at -> at + Duration.ofDays(retentionDays).toMillis());
  }

  /**
   * Deletes accounts deregistered longer than the retention period, with their mailboxes (blobs go
   * once this commits). At most {@code batch} accounts per call, so a transaction stays short.
   *
   * @return the addresses deleted
   */
  public List<KimAddress> purgeDeregistered(int batch) {
    long before = clock.millis() - Duration.ofDays(retentionDays).toMillis();
    List<KimAccount> due =
        em.createNamedQuery("KimAccount.deregisteredBefore", KimAccount.class)
            .setParameter("before", before)
            .setMaxResults(batch)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (KimAccount account : due) {
      KimAddress address = account.address();
      int messages = mailboxes.removeAll(address);
      directory.withdraw(address);
      em.remove(account);
      LOG.info(() -> "KIM account " + address + " purged with " + messages + " kept messages");
    }
    em.flush();
    return due.stream().map(KimAccount::address).toList();
  }

  public Optional<KimAccount> find(KimAddress address) {
    return Optional.ofNullable(em.find(KimAccount.class, address.toString()));
  }

  /** Moves the account to {@code state}; deregistration starts the retention period of its mail. */
  public KimAccount changeState(KimAddress address, AccountState state) {
    KimAccount account =
        em.find(KimAccount.class, address.toString(), LockModeType.PESSIMISTIC_WRITE);
    if (account == null) {
      throw new KimAccountException(Reason.NO_SUCH_ACCOUNT, "No such KIM account");
    }
    account.changeState(state, clock.millis());
    LOG.info(() -> "KIM account " + address + " is now " + state);
    return account;
  }

  /**
   * A hash of nothing anyone knows, checked for unknown user names so they take as long as a wrong
   * password (an answer in 4 ms instead of 200 ms told a guesser which addresses exist).
   */
  private static final class DummyHash {
    static final String VALUE = PasswordHasher.hash(PasswordHasher.randomPassword());
  }

  /** {@link #authenticate(String, String, String)} for a caller without a client address. */
  public Optional<KimAccount> authenticate(String userName, String password) {
    return authenticate(userName, password, "unknown");
  }

  /**
   * The account whose password this is, unless the user name is unknown, the password wrong, the
   * account locked, or too many wrong passwords were tried for it lately from {@code clientAddress}
   * (then even the right one fails from there until the limit refills, so a guesser learns nothing,
   * while the practice at its own address still gets in). A deregistered account may still log in
   * to fetch the mail it has left.
   */
  public Optional<KimAccount> authenticate(String userName, String password, String clientAddress) {
    KimAddress address;
    try {
      address = KimAddress.parse(userName);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String bucket = address + "|" + clientAddress;
    if (!rateLimiter.hasToken(RateLimit.KIM_FAILED_LOGIN_PER_ACCOUNT, bucket)) {
      LOG.info(
          () ->
              "KIM login refused, too many failed attempts: " + address + " from " + clientAddress);
      return Optional.empty();
    }
    KimAccount account = em.find(KimAccount.class, address.toString());
    boolean matches =
        PasswordHasher.matches(
            password == null ? "" : password,
            account == null ? DummyHash.VALUE : account.passwordHash());
    boolean valid =
        account != null && password != null && account.state() != AccountState.LOCKED && matches;
    if (!valid) {
      rateLimiter.record(RateLimit.KIM_FAILED_LOGIN_PER_ACCOUNT, bucket);
      return Optional.empty();
    }
    return Optional.of(account);
  }

  private KimAccount createAccount(KimAddress address, String password) {
    requirePolicy(password);
    if (em.find(KimAccount.class, address.toString()) != null) {
      throw new KimAccountException(Reason.ADDRESS_TAKEN, "The address already has an account");
    }
    KimAccount account = new KimAccount(address, PasswordHasher.hash(password), clock.millis());
    em.persist(account);
    LOG.info(() -> "KIM account created: " + address);
    return account;
  }

  private static void requirePolicy(String password) {
    if (password == null || !PASSWORD_POLICY.matcher(password).matches()) {
      throw new KimAccountException(
          Reason.WEAK_PASSWORD,
          "The password does not meet the policy: " + PASSWORD_POLICY_DISPLAY);
    }
  }

  private static void requireSupportedVersion(String kimVersion) {
    if (kimVersion != null && !SUPPORTED_KIM_VERSION.matcher(kimVersion).matches()) {
      throw new KimAccountException(
          Reason.UNSUPPORTED_KIM_VERSION, "KIM version " + kimVersion + " is not supported");
    }
  }
}
