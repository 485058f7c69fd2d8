package de.timkim.organisations.directory;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.messenger.accounts.UserId;
import de.timkim.organisations.TenantScope;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The organisation's directory entries (departments, contact data) and published users. Every
 * method works in the admin's scope only; another organisation's entry or user is "unknown".
 */
@Stateless
public class OrganisationDirectory {

  private static final Pattern PHONE = Pattern.compile("[0-9 +()/-]{1,64}");

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  public List<DepartmentContact> entries(TenantScope scope) {
    return em
        .createNamedQuery(DirectoryEntry.OF_ORGANISATION, DirectoryEntry.class)
        .setParameter("organisationId", scope.organisationId())
        .getResultList()
        .stream()
        .map(DepartmentContact::of)
        .toList();
  }

  public DepartmentContact addEntry(
      TenantScope scope, String department, String phone, String email, String address) {
    if (department == null || department.isBlank() || department.length() > 255) {
      throw new AdminException(AdminError.INVALID_DEPARTMENT);
    }
    String p = blankToNull(phone);
    String e = blankToNull(email);
    if ((p != null && !PHONE.matcher(p).matches()) || (e != null && !EMAIL.matcher(e).matches())) {
      throw new AdminException(AdminError.INVALID_CONTACT);
    }
    String a = blankToNull(address);
    if (a != null && a.length() > 500) {
      throw new AdminException(AdminError.INVALID_CONTACT);
    }
    DirectoryEntry entry =
        new DirectoryEntry(scope.organisationId(), department.trim(), p, e, a, clock.millis());
    em.persist(entry);
    return DepartmentContact.of(entry);
  }

  public void removeEntry(TenantScope scope, long entryId) {
    DirectoryEntry entry = em.find(DirectoryEntry.class, entryId);
    if (entry == null || !entry.organisationId().equals(scope.organisationId())) {
      throw new AdminException(AdminError.UNKNOWN_ENTRY);
    }
    em.remove(entry);
  }

  public List<String> publishedUsers(TenantScope scope) {
    return em.createNamedQuery(PublishedUser.OF_ORGANISATION, String.class)
        .setParameter("organisationId", scope.organisationId())
        .getResultList();
  }

  /** Makes a registered user of one of the organisation's services findable. */
  public void publish(TenantScope scope, String userId) {
    UserId user = ownUser(scope, userId);
    Long registered =
        em.createQuery(
                "select count(u) from MatrixUser u where u.userId = :u and u.deactivated = false",
                Long.class)
            .setParameter("u", user.toString())
            .getSingleResult();
    if (registered == 0) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    if (em.find(PublishedUser.class, user.toString()) == null) {
      em.persist(new PublishedUser(user.toString(), scope.organisationId(), clock.millis()));
    }
  }

  public void unpublish(TenantScope scope, String userId) {
    UserId user = ownUser(scope, userId);
    PublishedUser published = em.find(PublishedUser.class, user.toString());
    if (published == null || !published.organisationId().equals(scope.organisationId())) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    em.remove(published);
  }

  private UserId ownUser(TenantScope scope, String userId) {
    UserId user;
    try {
      user = UserId.parse(userId);
    } catch (RuntimeException e) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    if (!scope.owns(user.serverName())) {
      throw new AdminException(AdminError.UNKNOWN_USER);
    }
    return user;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
