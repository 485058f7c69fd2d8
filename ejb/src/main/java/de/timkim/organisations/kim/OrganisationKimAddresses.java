package de.timkim.organisations.kim;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.kim.accounts.KimAccount;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.KimAddress;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.TenantScope;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Which KIM addresses belong to which organisation, and how far each is registered. */
@Stateless
public class OrganisationKimAddresses {

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private Organisations organisations;

  @Inject private KimAccountService accounts;

  /**
   * One address as the portal shows it: {@code state} is the account's (ACTIVE, LOCKED,
   * DEREGISTERED) or NOT_REGISTERED while no account exists for it yet.
   */
  public record AddressState(String address, String state, Long deregisteredAt, long assignedAt)
      implements Serializable {}

  /** The operator assigns an address to an organisation. */
  public void assign(SignedInAdmin operator, String organisationId, String address) {
    if (!operator.operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
    String organisation = organisations.organisation(organisationId).id();
    KimAddress parsed;
    try {
      parsed = KimAddress.parse(address);
    } catch (IllegalArgumentException e) {
      throw new AdminException(AdminError.INVALID_KIM_ADDRESS);
    }
    if (em.find(OrganisationKimAddress.class, parsed.toString()) != null) {
      throw new AdminException(AdminError.KIM_ADDRESS_TAKEN);
    }
    em.persist(new OrganisationKimAddress(parsed.toString(), organisation, clock.millis()));
  }

  /** The admin's organisation's addresses with their registration state. */
  public List<AddressState> addresses(TenantScope scope) {
    return em
        .createNamedQuery(OrganisationKimAddress.OF_ORGANISATION, OrganisationKimAddress.class)
        .setParameter("organisationId", scope.organisationId())
        .getResultList()
        .stream()
        .map(
            a -> {
              Optional<KimAccount> account = accounts.find(KimAddress.parse(a.address()));
              return new AddressState(
                  a.address(),
                  account.map(k -> k.state().name()).orElse("NOT_REGISTERED"),
                  account.map(KimAccount::deregisteredAt).orElse(null),
                  a.assignedAt());
            })
        .toList();
  }
}
