package de.timkim.organisations.notices;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.messenger.notices.ServerNoticeService;
import de.timkim.messenger.retention.RetentionService;
import de.timkim.organisations.Organisations;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * System notices to every user of one of the admin's messenger services, and the service's
 * retention setting (off, 3, 6, 9 or 12 months; users are told when it changes).
 */
@Stateless
public class OrganisationNotices {

  private static final Logger LOG = Logger.getLogger(OrganisationNotices.class.getName());

  static final int MAX_NOTICE_CHARS = 4000;

  @Inject private Organisations organisations;

  @Inject private ServerNoticeService notices;

  @Inject private RetentionService retention;

  /** Sends the notice to every active user of the service; returns how many got it. */
  public int sendToAll(SignedInAdmin admin, String serverName, String body) {
    String service = organisations.requireOwnService(admin, serverName).serverName();
    if (body == null
        || body.isBlank()
        || body.codePointCount(0, body.length()) > MAX_NOTICE_CHARS) {
      throw new AdminException(AdminError.INVALID_NOTICE);
    }
    int delivered = notices.sendToAll(service, body.strip());
    LOG.info(() -> "Admin " + admin.accountId() + " sent a notice to " + delivered + " users");
    return delivered;
  }

  public int retentionMonths(SignedInAdmin admin, String serverName) {
    return retention.months(organisations.requireOwnService(admin, serverName).serverName());
  }

  /** Changes the retention setting; returns how many users were told (0: nothing changed). */
  public int changeRetention(SignedInAdmin admin, String serverName, int months) {
    String service = organisations.requireOwnService(admin, serverName).serverName();
    if (!RetentionService.ALLOWED_MONTHS.contains(months)) {
      throw new AdminException(AdminError.INVALID_RETENTION);
    }
    int told = retention.changeMonths(service, months);
    LOG.info(() -> "Admin " + admin.accountId() + " set retention of " + service + " to " + months);
    return told;
  }
}
