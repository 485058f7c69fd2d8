package de.timkim.organisations.moderation;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.members.UserAdministration;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.reports.EventReport;
import de.timkim.messenger.reports.ReportService;
import de.timkim.messenger.rooms.Redactions;
import de.timkim.organisations.TenantScope;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reports by users of the admin's scope (the whole organisation in the portal, the Host's service
 * over REST), and the three things the admin can do with one. A report ID outside the scope is "no
 * such report", so IDs cannot be probed.
 */
@Stateless
public class ReportModeration {

  private static final Logger LOG = Logger.getLogger(ReportModeration.class.getName());

  @Inject private ReportService reports;

  @Inject private EventStore events;

  @Inject private Redactions redactions;

  @Inject private UserAdministration users;

  /** All reports of the scope's services, newest first. */
  public List<ModeratedReport> reports(TenantScope scope) {
    return stored(scope).stream().map(ModeratedReport::of).toList();
  }

  public ModeratedReport dismiss(TenantScope scope, long reportId) {
    return handle(scope, reportId, EventReport.Status.DISMISSED);
  }

  /**
   * Records what became of a report without acting on it (automation that took the action itself):
   * {@code outcome} is a status name; empty if the report is not one of the scope's.
   */
  public Optional<ModeratedReport> record(TenantScope scope, long reportId, String outcome) {
    EventReport.Status status;
    try {
      status = EventReport.Status.valueOf(outcome);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Unknown status");
    }
    return record(scope, reportId, status);
  }

  private Optional<ModeratedReport> record(
      TenantScope scope, long reportId, EventReport.Status outcome) {
    return reports
        .handle(reportId, scope.serverNames(), outcome, scope.admin().username())
        .map(ModeratedReport::of);
  }

  /**
   * Redacts the reported event in its sender's name (a sender may always redact their own event, so
   * no power level of the room is bent), which removes its content from the database; the redaction
   * reaches every member's client through /sync.
   */
  public ModeratedReport deleteEvent(TenantScope scope, long reportId) {
    EventReport report = ownReport(scope, reportId);
    StoredEvent event = reportedEvent(report);
    UserId sender = ownSender(scope, event);
    if (event.redactedBy() == null) {
      redactions.redact(
          new Requester(sender, "ORG-ADMIN"),
          report.roomId(),
          event.eventId(),
          "Removed by your organisation's admin",
          "report-" + reportId);
    }
    LOG.info(
        () ->
            "Admin " + scope.admin().accountId() + " deleted reported event of report " + reportId);
    return handle(scope, reportId, EventReport.Status.EVENT_DELETED);
  }

  /** Deactivates the reported event's sender (a user of the admin's organisation). */
  public ModeratedReport deactivateSender(TenantScope scope, long reportId) {
    EventReport report = ownReport(scope, reportId);
    UserId sender = ownSender(scope, reportedEvent(report));
    users.deactivate(scope, sender.toString());
    return handle(scope, reportId, EventReport.Status.USER_DEACTIVATED);
  }

  private ModeratedReport handle(TenantScope scope, long reportId, EventReport.Status outcome) {
    return record(scope, reportId, outcome)
        .orElseThrow(() -> new AdminException(AdminError.UNKNOWN_REPORT));
  }

  private List<EventReport> stored(TenantScope scope) {
    return reports.reports(scope.serverNames(), EnumSet.allOf(EventReport.Status.class));
  }

  private EventReport ownReport(TenantScope scope, long reportId) {
    return stored(scope).stream()
        .filter(r -> r.id() == reportId && scope.owns(r.serverName()))
        .findFirst()
        .orElseThrow(() -> new AdminException(AdminError.UNKNOWN_REPORT));
  }

  private StoredEvent reportedEvent(EventReport report) {
    if (report.eventId() == null) {
      throw new AdminException(AdminError.EVENT_GONE);
    }
    return events
        .byId(report.eventId())
        .orElseThrow(() -> new AdminException(AdminError.EVENT_GONE));
  }

  private UserId ownSender(TenantScope scope, StoredEvent event) {
    UserId sender = UserId.parse(event.sender());
    if (!scope.owns(sender.serverName())) {
      throw new AdminException(AdminError.FOREIGN_SENDER);
    }
    return sender;
  }
}
