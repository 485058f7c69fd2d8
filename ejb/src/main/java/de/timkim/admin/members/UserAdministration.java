package de.timkim.admin.members;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.messenger.accounts.AccountService;
import de.timkim.messenger.accounts.MatrixUser;
import de.timkim.messenger.accounts.RegistrationToken;
import de.timkim.messenger.accounts.RegistrationTokens;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.ReservedUserNames;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.profiles.ProfileService;
import de.timkim.organisations.ServiceScope;
import de.timkim.organisations.TenantScope;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Users, Benutzereinführungscodes and sessions of one organisation's messenger services. Every
 * method takes the admin's scope (made by {@code Organisations}, which checked the service belongs
 * to the admin's organisation) and keeps to it: the pages only show what is allowed, this class
 * makes sure of it (direct URLs, tampered form posts and the REST API all end here).
 */
@Stateless
public class UserAdministration {

  private static final Logger LOG = Logger.getLogger(UserAdministration.class.getName());
  static final int MAX_CODE_VALIDITY_HOURS = 720;

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private AccountService accounts;

  @Inject private ProfileService profiles;

  @Inject private RegistrationTokens tokens;

  @Inject private ReservedUserNames reservedUserNames;

  /** Registered and added users of one of the admin's services. */
  public List<ManagedUser> users(ServiceScope scope) {
    String serverName = scope.serverName();
    Map<String, ManagedUser> users = new LinkedHashMap<>();
    for (MatrixUser user : accounts.usersOf(serverName)) {
      String id = user.id().toString();
      users.put(
          id,
          new ManagedUser(
              id,
              user.displayname(),
              user.deactivated() ? ManagedUser.State.DEACTIVATED : ManagedUser.State.ACTIVE));
    }
    em.createQuery(
            "select u from OrganisationUser u where u.serverName = :s order by u.createdAt",
            OrganisationUser.class)
        .setParameter("s", serverName)
        .getResultList()
        .forEach(
            added ->
                users.putIfAbsent(
                    added.userId(),
                    new ManagedUser(
                        added.userId(), added.displayName(), ManagedUser.State.INVITED)));
    return new ArrayList<>(users.values());
  }

  /** Adds a user who will register with the code the admin issues for them. */
  public ManagedUser addUser(ServiceScope scope, String userName, String displayName) {
    String serverName = scope.serverName();
    UserId userId = newUserId(userName, serverName);
    if (reservedUserNames.isReserved(userId.localpart())) {
      // the server speaks as these users (server notices): an account with the name would too
      throw new AdminException(AdminError.RESERVED_USERNAME);
    }
    String name = displayName(displayName, userId);
    if (accounts.user(userId).isPresent()
        || em.find(OrganisationUser.class, userId.toString()) != null) {
      throw new AdminException(AdminError.USER_EXISTS);
    }
    em.persist(new OrganisationUser(userId.toString(), serverName, name, clock.millis()));
    LOG.info(() -> "Admin " + scope.admin().accountId() + " added " + userId);
    return new ManagedUser(userId.toString(), name, ManagedUser.State.INVITED);
  }

  /** Changes the display name; a registered user's rooms see the change. */
  public void rename(TenantScope scope, String userId, String displayName) {
    UserId user = requireOwnUser(scope, userId);
    String name = displayName(displayName, user);
    OrganisationUser added = em.find(OrganisationUser.class, user.toString());
    if (added != null) {
      added.rename(name);
      tokens.renameBoundUser(user, name);
    }
    if (accounts.user(user).filter(u -> !u.deactivated()).isPresent()) {
      profiles.setDisplayname(new Requester(user, null), user, name);
    }
  }

  /** The account can no longer sign in and all its devices are logged out. */
  public void deactivate(TenantScope scope, String userId) {
    UserId user = requireOwnUser(scope, userId);
    accounts.deactivateByAdmin(user);
    em.createQuery("delete from OrganisationUser u where u.userId = :u")
        .setParameter("u", user.toString())
        .executeUpdate();
    LOG.info(() -> "Admin " + scope.admin().accountId() + " deactivated " + user);
  }

  /**
   * Removes a user who has not registered yet, with their open codes. A registered user is
   * deactivated instead: Matrix never gives a user ID to somebody else.
   */
  public void remove(TenantScope scope, String userId) {
    UserId user = requireOwnUser(scope, userId);
    if (accounts.user(user).isPresent()) {
      deactivate(scope, userId);
      return;
    }
    em.createQuery("delete from OrganisationUser u where u.userId = :u")
        .setParameter("u", user.toString())
        .executeUpdate();
    em.createQuery("delete from RegistrationToken t where t.userId = :u")
        .setParameter("u", user.toString())
        .executeUpdate();
  }

  /** A one-time Benutzereinführungscode for an added user, valid for {@code validHours}. */
  public IssuedCode issueCode(TenantScope scope, String userId, int validHours) {
    UserId user = requireOwnUser(scope, userId);
    if (validHours < 1 || validHours > MAX_CODE_VALIDITY_HOURS) {
      throw new AdminException(AdminError.INVALID_VALIDITY);
    }
    if (accounts.user(user).isPresent()) {
      throw new AdminException(AdminError.ALREADY_REGISTERED);
    }
    OrganisationUser added = em.find(OrganisationUser.class, user.toString());
    if (added == null) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    RegistrationToken token =
        tokens.issueFor(user, added.displayName(), clock.millis() + validHours * 3_600_000L);
    LOG.info(
        () -> "Admin " + scope.admin().accountId() + " issued a registration code for " + user);
    return toIssuedCode(token, clock.millis());
  }

  /** Codes of one of the admin's services, open and used, newest first. */
  public List<IssuedCode> codes(ServiceScope scope) {
    long now = clock.millis();
    List<IssuedCode> codes = new ArrayList<>();
    for (RegistrationToken token : tokens.list(scope.serverName())) {
      codes.add(0, toIssuedCode(token, now));
    }
    return codes;
  }

  /**
   * For automation (REST): a registration token for any new user of one of the admin's services,
   * {@code usesAllowed} times (null: unlimited) until {@code expiryTime} (null: no expiry).
   */
  public ServiceToken issueRegistrationToken(
      ServiceScope scope, Integer usesAllowed, Long expiryTime) {
    return toServiceToken(tokens.issue(scope.serverName(), usesAllowed, expiryTime));
  }

  /** The service's tokens, open and used, without the tokens themselves (stored hashed). */
  public List<ServiceToken> registrationTokens(ServiceScope scope) {
    return tokens.list(scope.serverName()).stream()
        .map(UserAdministration::toServiceToken)
        .toList();
  }

  public List<UserSession> sessions(TenantScope scope, String userId) {
    UserId user = requireOwnUser(scope, userId);
    return accounts.devices(user).stream()
        .map(
            d ->
                new UserSession(
                    d.deviceId(), d.displayName(), d.createdAt(), d.lastSeenTs(), d.lastSeenIp()))
        .toList();
  }

  /** Logs one device out: its tokens stop working at once, on every node. */
  public void logOut(TenantScope scope, String userId, String deviceId) {
    UserId user = requireOwnUser(scope, userId);
    if (deviceId == null || accounts.device(user, deviceId).isEmpty()) {
      throw new AdminException(AdminError.UNKNOWN_DEVICE);
    }
    accounts.removeDevice(user, deviceId);
    LOG.info(() -> "Admin " + scope.admin().accountId() + " logged out a device of " + user);
  }

  public void logOutAll(TenantScope scope, String userId) {
    UserId user = requireOwnUser(scope, userId);
    accounts.devices(user).forEach(d -> accounts.removeDevice(user, d.deviceId()));
    LOG.info(() -> "Admin " + scope.admin().accountId() + " logged out every device of " + user);
  }

  /**
   * The user if they belong to one of the admin's services and exist (registered or added). A
   * malformed ID, an unknown user and another organisation's user are refused alike.
   */
  private UserId requireOwnUser(TenantScope scope, String userId) {
    UserId user;
    try {
      user = UserId.parse(userId);
    } catch (MatrixException malformed) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    if (!scope.owns(user.serverName())) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    if (accounts.user(user).isEmpty() && em.find(OrganisationUser.class, user.toString()) == null) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    return user;
  }

  private static UserId newUserId(String userName, String serverName) {
    String localpart = userName == null ? "" : userName.trim().toLowerCase(Locale.ROOT);
    if (localpart.isEmpty() || localpart.length() > 64) {
      throw new AdminException(AdminError.INVALID_USERNAME);
    }
    try {
      return new UserId(localpart, serverName);
    } catch (MatrixException invalid) {
      throw new AdminException(AdminError.INVALID_USERNAME);
    }
  }

  private static String displayName(String typed, UserId user) {
    String name = typed == null || typed.isBlank() ? user.localpart() : typed.trim();
    if (name.length() > 255) {
      throw new AdminException(AdminError.INVALID_NAME);
    }
    return name;
  }

  private static ServiceToken toServiceToken(RegistrationToken token) {
    return new ServiceToken(
        token.serverName(),
        token.completed(),
        token.usesAllowed(),
        token.expiryTime(),
        token.issuedToken());
  }

  private static IssuedCode toIssuedCode(RegistrationToken token, long now) {
    IssuedCode.State state =
        token.completed() > 0 || token.usedUp()
            ? IssuedCode.State.USED
            : token.expiredAt(now) ? IssuedCode.State.EXPIRED : IssuedCode.State.OPEN;
    return new IssuedCode(
        token.issuedToken(),
        token.userId(),
        token.displayName(),
        token.createdAt(),
        token.expiryTime(),
        state);
  }
}
