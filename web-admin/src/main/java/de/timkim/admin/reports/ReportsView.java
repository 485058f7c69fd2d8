package de.timkim.admin.reports;

import de.timkim.admin.AdminException;
import de.timkim.admin.login.PortalTenant;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.moderation.ReportModeration;
import de.timkim.platform.errors.MatrixException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Reports by users of the admin's organisation: dismiss, delete the event, deactivate its sender.
 */
@Named
@ViewScoped
public class ReportsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ReportModeration moderation;

  @Inject PortalTenant tenant;

  /** One report as the table shows it. */
  public record Row(
      long id,
      String reporter,
      String reason,
      String eventId,
      String roomId,
      String reportedAt,
      String status,
      boolean open)
      implements Serializable {
    public long getId() {
      return id;
    }

    public String getReporter() {
      return reporter;
    }

    public String getReason() {
      return reason;
    }

    public String getEventId() {
      return eventId;
    }

    public String getRoomId() {
      return roomId;
    }

    public String getReportedAt() {
      return reportedAt;
    }

    public String getStatus() {
      return status;
    }

    public boolean isOpen() {
      return open;
    }
  }

  private List<Row> rows = List.of();

  public void load() {
    rows =
        moderation.reports(tenant.scope()).stream()
            .map(
                r ->
                    new Row(
                        r.id(),
                        r.reporter(),
                        r.reason(),
                        r.eventId(),
                        r.roomId(),
                        PortalMessages.dateTime(r.reportedAt()),
                        r.status(),
                        r.open()))
            .toList();
  }

  public void dismiss(long id) {
    act(() -> moderation.dismiss(tenant.scope(), id), "reports.dismissed");
  }

  public void deleteEvent(long id) {
    act(() -> moderation.deleteEvent(tenant.scope(), id), "reports.eventDeleted");
  }

  public void deactivateSender(long id) {
    act(() -> moderation.deactivateSender(tenant.scope(), id), "reports.userDeactivated");
  }

  private void act(Runnable action, String done) {
    try {
      action.run();
      PortalMessages.info(done);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    } catch (MatrixException refused) {
      PortalMessages.refused(refused);
    }
    load();
  }

  public List<Row> getReports() {
    return rows;
  }
}
