package de.timkim.messenger.retention;

import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.media.MediaReferences;
import de.timkim.messenger.media.MediaService;
import de.timkim.messenger.media.MxcUri;
import de.timkim.messenger.notices.ServerNoticeService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * The retention setting of each messenger service and the deletion it implies: messages (events
 * without a state key) and media older than the limit go; room state stays, so rooms, members and
 * their settings remain usable. Deletion works in batches, each its own transaction, so a long run
 * never holds locks that senders wait for.
 */
@Stateless
public class RetentionService {

  private static final Logger LOG = Logger.getLogger(RetentionService.class.getName());

  /** TI-M: off, 3, 6, 9 or 12 months. */
  public static final List<Integer> ALLOWED_MONTHS = List.of(0, 3, 6, 9, 12);

  public static final int DEFAULT_MONTHS = 6;

  /** Months are counted in German calendar time, as the organisation reads its setting. */
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private static final int BATCH = 500;

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private MediaReferences mediaReferences;

  @Inject private MediaService mediaService;

  @Inject private ServerNoticeService notices;

  @Resource private SessionContext context;

  /** What a run deleted. */
  public record Purged(int events, int media) {}

  /** The service's setting in months; 0 means messages are kept. */
  public int months(String serverName) {
    RetentionPolicy policy = em.find(RetentionPolicy.class, serverName);
    return policy == null ? DEFAULT_MONTHS : policy.months();
  }

  /**
   * Changes the setting and tells every user of the service with a server notice (TI-M: users are
   * informed of the setting). Returns how many users were told, 0 if nothing changed.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int changeMonths(String serverName, int months) {
    if (!ALLOWED_MONTHS.contains(months)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Retention must be one of " + ALLOWED_MONTHS + " months");
    }
    RetentionService self = context.getBusinessObject(RetentionService.class);
    if (!self.store(serverName, months)) {
      return 0;
    }
    String text =
        months == 0
            ? "Ihre Organisation bewahrt Nachrichten und Dateien ohne Frist auf. / Your"
                + " organisation keeps messages and files without a time limit."
            : "Nachrichten und Dateien werden nach "
                + months
                + " Monaten gelöscht. / Messages and files are deleted after "
                + months
                + " months.";
    return notices.sendToAll(serverName, text);
  }

  /** Stores the setting; false if it was already so. */
  public boolean store(String serverName, int months) {
    RetentionPolicy policy = em.find(RetentionPolicy.class, serverName);
    if (policy == null) {
      em.persist(new RetentionPolicy(serverName, months));
      return months != DEFAULT_MONTHS;
    }
    boolean changed = policy.months() != months;
    policy.change(months);
    return changed;
  }

  /** Everything older than this (ms since the epoch) is to be deleted; empty when off. */
  public OptionalLong cutoff(String serverName) {
    int months = months(serverName);
    if (months == 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        clock.instant().atZone(ZONE).minusMonths(months).toInstant().toEpochMilli());
  }

  /** Deletes what the service's setting says is too old; runs outside any one transaction. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Purged purge(String serverName) {
    OptionalLong cutoff = cutoff(serverName);
    if (cutoff.isEmpty()) {
      return new Purged(0, 0);
    }
    RetentionService self = context.getBusinessObject(RetentionService.class);
    int events = 0;
    int media = 0;
    for (Purged batch; (batch = self.purgeEvents(serverName, cutoff.getAsLong())).events() > 0; ) {
      events += batch.events();
      media += batch.media();
    }
    for (int n; (n = self.purgeMedia(serverName, cutoff.getAsLong())) > 0; ) {
      media += n;
    }
    if (events + media > 0) {
      int e = events;
      int m = media;
      LOG.info(() -> "Retention of " + serverName + ": deleted " + e + " events, " + m + " media");
    }
    return new Purged(events, media);
  }

  /**
   * One batch of messages older than {@code cutoff}, with the media only they used; returns how
   * many of each were deleted.
   */
  public Purged purgeEvents(String serverName, long cutoff) {
    List<StoredEvent> old =
        em.createQuery(
                "select e from StoredEvent e where e.stateKey is null and e.originServerTs < :cutoff"
                    + " and e.roomId in (select r.roomId from Room r where r.serverName = :s)"
                    + " order by e.streamOrdering",
                StoredEvent.class)
            .setParameter("cutoff", cutoff)
            .setParameter("s", serverName)
            .setMaxResults(BATCH)
            .getResultList();
    List<MxcUri> unused = new ArrayList<>();
    for (StoredEvent event : old) {
      unused.addAll(mediaReferences.release(event.eventId(), event.sender(), null));
      em.remove(event);
    }
    mediaService.delete(unused);
    return new Purged(old.size(), unused.size());
  }

  /**
   * One batch of media uploaded before {@code cutoff} that no remaining event, profile or room
   * avatar uses; returns how many were deleted.
   */
  public int purgeMedia(String serverName, long cutoff) {
    @SuppressWarnings("unchecked")
    List<Object[]> old =
        em.createNativeQuery(
                "SELECT m.server_name, m.media_id FROM media m"
                    + " WHERE m.server_name = ?1 AND m.uploaded_at IS NOT NULL"
                    + " AND m.uploaded_at < ?2"
                    + " AND NOT EXISTS (SELECT 1 FROM event_media r"
                    + "   WHERE r.server_name = m.server_name AND r.media_id = m.media_id)"
                    + " AND NOT EXISTS (SELECT 1 FROM matrix_user u"
                    + "   WHERE u.avatar_url = 'mxc://' || m.server_name || '/' || m.media_id)"
                    + " AND NOT EXISTS (SELECT 1 FROM room_state s"
                    + "   JOIN room_event e ON e.event_id = s.event_id"
                    + "   WHERE s.type = 'm.room.avatar'"
                    + "   AND e.pdu LIKE '%mxc://' || m.server_name || '/' || m.media_id || '%')"
                    + " ORDER BY m.uploaded_at LIMIT "
                    + BATCH)
            .setParameter(1, serverName)
            .setParameter(2, cutoff)
            .getResultList();
    List<MxcUri> media = new ArrayList<>();
    for (Object[] row : old) {
      media.add(new MxcUri((String) row[0], (String) row[1]));
    }
    mediaService.delete(media);
    return media.size();
  }
}
