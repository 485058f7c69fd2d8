package de.timkim.messenger.reports;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.rooms.HistoryAccess;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Users report what they can see; the report goes to the admins of the reporter's own messenger
 * service (TI-M: the organisation's admin, not a global server admin).
 */
@Stateless
public class ReportService {

  private static final Logger LOG = Logger.getLogger(ReportService.class.getName());

  /** Synapse refuses longer reasons too; a report is a note, not a document. */
  static final int MAX_REASON_CHARS = 2000;

  @PersistenceContext private EntityManager em;

  @Inject private HistoryAccess history;

  @Inject private RateLimiter rateLimiter;

  @Inject private Clock clock;

  /**
   * POST /rooms/{roomId}/report/{eventId}: only events the reporter can see; anything else is "not
   * found", so reports cannot probe for rooms or events.
   */
  public long reportEvent(
      Requester reporter, String roomId, String eventId, String reason, Long score) {
    checkReason(reason, score);
    if (history.visibleEvent(reporter, roomId, eventId).isEmpty()) {
      throw new MatrixException(
          ErrorCode.M_NOT_FOUND, "Event not found, or you are not in its room");
    }
    return store(reporter, roomId, eventId, reason, score == null ? null : score.intValue());
  }

  /** POST /rooms/{roomId}/report: a room the reporter is or was in. */
  public long reportRoom(Requester reporter, String roomId, String reason) {
    checkReason(reason, null);
    if (history.visibility(reporter, roomId).isEmpty()) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Room not found, or you are not in it");
    }
    return store(reporter, roomId, null, reason, null);
  }

  /** The reports of the given messenger services, newest first. */
  public List<EventReport> reports(
      Collection<String> serverNames, Collection<EventReport.Status> statuses) {
    if (serverNames.isEmpty() || statuses.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(EventReport.OF_SERVER, EventReport.class)
        .setParameter("servers", serverNames)
        .setParameter("statuses", statuses)
        .getResultList();
  }

  /**
   * Marks an open report of one of {@code serverNames} as handled; empty when there is no such
   * report for these services (so one organisation cannot touch another's reports).
   */
  public Optional<EventReport> handle(
      long reportId, Collection<String> serverNames, EventReport.Status outcome, String admin) {
    EventReport report = em.find(EventReport.class, reportId);
    if (report == null || !serverNames.contains(report.serverName())) {
      return Optional.empty();
    }
    report.handle(outcome, admin, clock.millis());
    LOG.info(() -> "Report " + reportId + " handled by " + admin + ": " + outcome);
    return Optional.of(report);
  }

  private long store(
      Requester reporter, String roomId, String eventId, String reason, Integer score) {
    rateLimiter.spendAlongside(RateLimit.EVENTS_PER_USER, reporter.userId().toString());
    EventReport report =
        new EventReport(
            reporter.userId().serverName(),
            reporter.userId().toString(),
            roomId,
            eventId,
            reason,
            score,
            clock.millis());
    em.persist(report);
    em.flush();
    LOG.info(
        () ->
            "Report "
                + report.id()
                + " by "
                + reporter.userId()
                + " of "
                + (eventId == null ? roomId : eventId));
    return report.id();
  }

  private static void checkReason(String reason, Long score) {
    if (reason != null && reason.length() > MAX_REASON_CHARS) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Reasons are limited to " + MAX_REASON_CHARS + " characters");
    }
    if (score != null && (score < -100 || score > 0)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "score must be between -100 and 0");
    }
  }
}
