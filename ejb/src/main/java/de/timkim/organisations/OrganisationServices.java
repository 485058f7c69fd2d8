package de.timkim.organisations;

import de.timkim.messenger.ProvisionedServices;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The organisations' messenger services, as the homeserver's server names see them. A session bean,
 * not a CDI bean: WildFly 39 does not deploy a CDI bean with {@code @PersistenceContext} in this
 * EAR (the persistence unit service is not found when Weld starts).
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
