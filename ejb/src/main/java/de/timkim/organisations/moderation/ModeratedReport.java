package de.timkim.organisations.moderation;

import de.timkim.messenger.reports.EventReport;
import java.io.Serializable;

/**
 * A report as its organisation's admin sees it, in the portal and over REST; {@code status} is
 * OPEN, DISMISSED, EVENT_DELETED or USER_DEACTIVATED.
 */
public record ModeratedReport(
    long id,
    String serverName,
    String reporter,
    String roomId,
    String eventId,
    String reason,
    Integer score,
    long reportedAt,
    String status,
    String handledBy,
    Long handledAt)
    implements Serializable {

  static ModeratedReport of(EventReport report) {
    return new ModeratedReport(
        report.id(),
        report.serverName(),
        report.reporter(),
        report.roomId(),
        report.eventId(),
        report.reason(),
        report.score(),
        report.reportedAt(),
        report.status().name(),
        report.handledBy(),
        report.handledAt());
  }

  public boolean open() {
    return EventReport.Status.OPEN.name().equals(status);
  }
}
