package de.timkim.organisations;

import de.timkim.messenger.ProvisionedServices;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The organisations' messenger services, as the homeserver's server names see them. An EJB like
 * every other holder of the persistence context: WildFly did not deploy it as a CDI bean (Weld
 * looked up the persistence unit's service before the JPA subsystem had installed it).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OrganisationServices implements ProvisionedServices {

  @PersistenceContext private EntityManager em;

  @Override
  public List<String> serverNames() {
    return em.createNamedQuery(MessengerService.ALL_NAMES, String.class).getResultList();
  }

  @Override
  public boolean isProvisioned(String serverName) {
    return serverName != null && em.find(MessengerService.class, serverName) != null;
  }
}
