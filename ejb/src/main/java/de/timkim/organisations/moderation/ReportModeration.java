package de.timkim.organisations.moderation;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.admin.members.UserAdministration;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.reports.EventReport;
import de.timkim.messenger.reports.ReportService;
import de.timkim.messenger.rooms.Redactions;
import de.timkim.organisations.MessengerService;
import de.timkim.organisations.Organisations;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reports by users of the admin's organisation, and the three things the admin can do with one. A
 * report ID of another organisation is "no such report", so IDs cannot be probed.
 */
@Stateless
public class ReportModeration {

  private static final Logger LOG = Logger.getLogger(ReportModeration.class.getName());

  @Inject private ReportService reports;

  @Inject private Organisations organisations;

  @Inject private EventStore events;

  @Inject private Redactions redactions;

  @Inject private UserAdministration users;

  /** All reports of the organisation's services, newest first. */
  public List<EventReport> reports(SignedInAdmin admin) {
    return reports.reports(ownServices(admin), EnumSet.allOf(EventReport.Status.class));
  }

  public EventReport dismiss(SignedInAdmin admin, long reportId) {
    return handle(admin, reportId, EventReport.Status.DISMISSED);
  }

  /**
   * Redacts the reported event in its sender's name (a sender may always redact their own event, so
   * no power level of the room is bent), which removes its content from the database; the redaction
   * reaches every member's client through /sync.
   */
  public EventReport deleteEvent(SignedInAdmin admin, long reportId) {
    EventReport report = ownReport(admin, reportId);
    StoredEvent event = reportedEvent(report);
    UserId sender = ownSender(admin, event);
    if (event.redactedBy() == null) {
      redactions.redact(
          new Requester(sender, "ORG-ADMIN"),
          report.roomId(),
          event.eventId(),
          "Removed by your organisation's admin",
          "report-" + reportId);
    }
    LOG.info(() -> "Admin " + admin.accountId() + " deleted reported event of report " + reportId);
    return handle(admin, reportId, EventReport.Status.EVENT_DELETED);
  }

  /** Deactivates the reported event's sender (a user of the admin's organisation). */
  public EventReport deactivateSender(SignedInAdmin admin, long reportId) {
    EventReport report = ownReport(admin, reportId);
    UserId sender = ownSender(admin, reportedEvent(report));
    users.deactivate(admin, sender.toString());
    return handle(admin, reportId, EventReport.Status.USER_DEACTIVATED);
  }

  private EventReport handle(SignedInAdmin admin, long reportId, EventReport.Status outcome) {
    return reports
        .handle(reportId, ownServices(admin), outcome, admin.username())
        .orElseThrow(() -> new AdminException(AdminError.UNKNOWN_REPORT));
  }

  private EventReport ownReport(SignedInAdmin admin, long reportId) {
    List<String> own = ownServices(admin);
    return reports(admin).stream()
        .filter(r -> r.id() == reportId && own.contains(r.serverName()))
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

  private UserId ownSender(SignedInAdmin admin, StoredEvent event) {
    UserId sender = UserId.parse(event.sender());
    if (!ownServices(admin).contains(sender.serverName())) {
      throw new AdminException(AdminError.FOREIGN_SENDER);
    }
    return sender;
  }

  private List<String> ownServices(SignedInAdmin admin) {
    return organisations.services(admin).stream().map(MessengerService::serverName).toList();
  }
}
