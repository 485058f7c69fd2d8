package de.timkim.organisations;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.AdminAccountService;
import de.timkim.admin.accounts.SignedInAdmin;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Organisations and their messenger services. A service is a row: once committed, every node serves
 * its server name on the next request that names it (see {@code ServerNames}).
 */
@Stateless
public class Organisations {

  private static final Logger LOG = Logger.getLogger(Organisations.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private AdminAccountService admins;

  @Inject
  @ConfigProperty(name = "tim.matrix.base-domain", defaultValue = "localhost")
  String baseDomain;

  /** What the operator set up: the organisation, its first service and its first admin. */
  public record Provisioned(
      String organisationId, String name, String serverName, String adminUsername) {}

  /**
   * The operator sets up an organisation with one messenger service and its first portal admin (who
   * then enrols their second factor at first sign-in).
   */
  public Provisioned provision(
      SignedInAdmin operator,
      String name,
      String subDomain,
      String adminUsername,
      String adminPassword) {
    if (!operator.operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
    if (name == null || name.isBlank() || name.length() > 255) {
      throw new AdminException(AdminError.INVALID_NAME);
    }
    SubDomain label = SubDomain.typed(subDomain);
    Organisation organisation =
        new Organisation(UUID.randomUUID().toString(), name.trim(), null, clock.millis());
    em.persist(organisation);
    MessengerService service = addService(organisation.id(), label);
    admins.create(adminUsername, adminPassword, organisation.id());
    LOG.info(
        () ->
            "Provisioned organisation "
                + organisation.id()
                + " with "
                + service.serverName()
                + " and admin "
                + adminUsername);
    return new Provisioned(
        organisation.id(), organisation.name(), service.serverName(), adminUsername);
  }

  /**
   * Creates an organisation that authenticated with its SMC-B, with its first portal admin (who
   * enrols a second factor at first sign-in). One organisation per Telematik-ID.
   */
  public Organisation registerAuthenticated(
      String name,
      String telematikId,
      String professionOid,
      String adminUsername,
      String adminPassword) {
    if (name == null || name.isBlank() || name.length() > 255) {
      throw new AdminException(AdminError.INVALID_NAME);
    }
    Long existing =
        em.createQuery("select count(o) from Organisation o where o.telematikId = :t", Long.class)
            .setParameter("t", telematikId)
            .getSingleResult();
    if (existing > 0) {
      throw new AdminException(AdminError.ORGANISATION_EXISTS);
    }
    Organisation organisation =
        new Organisation(
            UUID.randomUUID().toString(), name.trim(), telematikId, professionOid, clock.millis());
    em.persist(organisation);
    try {
      em.flush();
    } catch (PersistenceException raced) {
      // the same card registered on another node at the same moment
      throw new AdminException(AdminError.ORGANISATION_EXISTS);
    }
    admins.create(adminUsername, adminPassword, organisation.id());
    LOG.info(
        () ->
            "Organisation "
                + organisation.id()
                + " registered with its SMC-B, admin "
                + adminUsername);
    return organisation;
  }

  public Organisation organisation(String organisationId) {
    Organisation organisation =
        organisationId == null ? null : em.find(Organisation.class, organisationId);
    if (organisation == null) {
      throw new AdminException(AdminError.UNKNOWN_ORGANISATION);
    }
    return organisation;
  }

  /** An admin adds a messenger service with a sub-domain of their choice to their organisation. */
  public ServiceSummary createService(TenantScope scope, String subDomain) {
    MessengerService service = addService(scope.organisationId(), SubDomain.typed(subDomain));
    LOG.info(
        () ->
            "Organisation "
                + scope.organisationId()
                + " created messenger service "
                + service.serverName());
    return ServiceSummary.of(service);
  }

  private MessengerService addService(String organisationId, SubDomain label) {
    String serverName = label.serverName(baseDomain);
    if (em.find(MessengerService.class, serverName) != null) {
      throw new AdminException(AdminError.SUBDOMAIN_TAKEN);
    }
    MessengerService service = new MessengerService(serverName, organisationId, clock.millis());
    try {
      em.persist(service);
      em.flush();
    } catch (PersistenceException raced) {
      // another node took the same name between our check and our insert
      throw new AdminException(AdminError.SUBDOMAIN_TAKEN);
    }
    return service;
  }

  /** The name of the scope's organisation, as the portal greets it. */
  public String organisationName(TenantScope scope) {
    return organisation(scope.organisationId()).name();
  }

  /** The scope's organisation's services, oldest first. */
  public List<ServiceSummary> services(TenantScope scope) {
    return ownServices(scope.organisationId()).stream().map(ServiceSummary::of).toList();
  }

  /**
   * The tenant boundary of every admin operation: the admin's organisation with the server names it
   * runs. Admin services take the scope and check against it, never the admin's own word.
   */
  public TenantScope scopeOf(SignedInAdmin admin) {
    return new TenantScope(
        admin,
        ownServices(admin.organisationId()).stream().map(MessengerService::serverName).toList());
  }

  /**
   * The scope narrowed to one service, if it belongs to the admin's organisation. Another
   * organisation's service and a name nobody has are refused alike, so an admin cannot probe which
   * names exist.
   */
  public ServiceScope scopeFor(SignedInAdmin admin, String serverName) {
    MessengerService service =
        serverName == null ? null : em.find(MessengerService.class, serverName);
    if (service == null || !service.organisationId().equals(admin.organisationId())) {
      throw new AdminException(AdminError.NOT_YOUR_ORGANISATION);
    }
    return new ServiceScope(admin, service.serverName());
  }

  private List<MessengerService> ownServices(String organisationId) {
    return em.createNamedQuery(MessengerService.OF_ORGANISATION, MessengerService.class)
        .setParameter("organisationId", organisationId)
        .getResultList();
  }

  /** Makes a configured fixed server name a service of the operator, if it is not one yet. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void registerConfigured(String serverName) {
    if (em.find(MessengerService.class, serverName) == null) {
      em.persist(new MessengerService(serverName, Organisation.OPERATOR_ID, clock.millis()));
    }
  }
}
