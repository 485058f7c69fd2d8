package de.timkim.organisations;

import de.timkim.messenger.ProvisionedServices;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The organisations' messenger services, as the homeserver's server names see them. A session bean,
 * not a CDI bean: WildFly wires an EJB's persistence context after the persistence unit is
 * installed, whereas a CDI bean's is looked up while Weld boots, which on a loaded machine can come
 * first and fail the deployment ("service jboss.persistenceunit ... not found").
 */
@Stateless
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
