package de.timkim.organisations.notices;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.notices.ServerNoticeService;
import de.timkim.messenger.retention.RetentionJob;
import de.timkim.messenger.retention.RetentionService;
import de.timkim.organisations.ServiceScope;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * System notices to the users of one of the admin's messenger services, and the service's retention
 * setting (off, 3, 6, 9 or 12 months; users are told when it changes). The portal and the REST API
 * both come here, with a scope that {@code Organisations} checked.
 */
@Stateless
public class OrganisationNotices {

  private static final Logger LOG = Logger.getLogger(OrganisationNotices.class.getName());

  static final int MAX_NOTICE_CHARS = 4000;

  @Inject private ServerNoticeService notices;

  @Inject private RetentionService retention;

  @Inject private RetentionJob retentionJob;

  /** Sends the notice to every active user of the service; returns how many got it. */
  public int sendToAll(ServiceScope scope, String body) {
    String text = validNotice(body);
    int delivered = notices.sendToAll(scope.serverName(), text);
    LOG.info(
        () -> "Admin " + scope.admin().accountId() + " sent a notice to " + delivered + " users");
    return delivered;
  }

  /** Sends the notice to one user of the service; returns its event ID. */
  public String sendTo(ServiceScope scope, String userId, String body) {
    UserId target = UserId.parse(userId);
    if (!target.serverName().equals(scope.serverName())) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Not a user of " + scope.serverName());
    }
    String eventId = notices.send(target, validNotice(body));
    LOG.info(() -> "Admin " + scope.admin().accountId() + " sent a notice to " + target);
    return eventId;
  }

  public int retentionMonths(ServiceScope scope) {
    return retention.months(scope.serverName());
  }

  /** Changes the retention setting; returns how many users were told (0: nothing changed). */
  public int changeRetention(ServiceScope scope, int months) {
    if (!RetentionService.ALLOWED_MONTHS.contains(months)) {
      throw new AdminException(AdminError.INVALID_RETENTION);
    }
    int told = retention.changeMonths(scope.serverName(), months);
    LOG.info(
        () ->
            "Admin "
                + scope.admin().accountId()
                + " set retention of "
                + scope.serverName()
                + " to "
                + months);
    return told;
  }

  /**
   * Deletes what is too old now instead of at night; empty if a run for this service is going on
   * elsewhere in the cluster.
   */
  public Optional<RetentionService.Purged> runRetention(ServiceScope scope) {
    return retentionJob.run(scope.serverName());
  }

  private static String validNotice(String body) {
    if (body == null
        || body.isBlank()
        || body.codePointCount(0, body.length()) > MAX_NOTICE_CHARS) {
      throw new AdminException(AdminError.INVALID_NOTICE);
    }
    return body.strip();
  }
}
