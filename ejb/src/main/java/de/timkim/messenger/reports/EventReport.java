package de.timkim.messenger.reports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One report of an event (or, with no event, of a room) as its reporter's admins see it. */
@Entity
@Table(name = "event_report")
@NamedQuery(
    name = EventReport.OF_SERVER,
    query =
        "select r from EventReport r where r.serverName in :servers and r.status in :statuses"
            + " order by r.reportedAt desc")
public class EventReport {

  static final String OF_SERVER = "EventReport.ofServer";

  /** What became of a report. */
  public enum Status {
    OPEN,
    DISMISSED,
    EVENT_DELETED,
    USER_DEACTIVATED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "report_id")
  private long id;

  @Column(name = "server_name", nullable = false)
  private String serverName;

  @Column(name = "reporter", nullable = false)
  private String reporter;

  @Column(name = "room_id", nullable = false)
  private String roomId;

  @Column(name = "event_id")
  private String eventId;

  @Column(name = "reason", length = 2000)
  private String reason;

  @Column(name = "score")
  private Integer score;

  @Column(name = "reported_at", nullable = false)
  private long reportedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private Status status;

  @Column(name = "handled_by")
  private String handledBy;

  @Column(name = "handled_at")
  private Long handledAt;

  protected EventReport() {}

  EventReport(
      String serverName,
      String reporter,
      String roomId,
      String eventId,
      String reason,
      Integer score,
      long reportedAt) {
    this.serverName = serverName;
    this.reporter = reporter;
    this.roomId = roomId;
    this.eventId = eventId;
    this.reason = reason;
    this.score = score;
    this.reportedAt = reportedAt;
    this.status = Status.OPEN;
  }

  void handle(Status outcome, String admin, long at) {
    this.status = outcome;
    this.handledBy = admin;
    this.handledAt = at;
  }

  public long id() {
    return id;
  }

  public String serverName() {
    return serverName;
  }

  public String reporter() {
    return reporter;
  }

  public String roomId() {
    return roomId;
  }

  /** Null for a report of the room as a whole. */
  public String eventId() {
    return eventId;
  }

  public String reason() {
    return reason;
  }

  public Integer score() {
    return score;
  }

  public long reportedAt() {
    return reportedAt;
  }

  public Status status() {
    return status;
  }

  public String handledBy() {
    return handledBy;
  }

  public Long handledAt() {
    return handledAt;
  }
}
