package de.timkim.messenger.media;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The media table. Each method is its own short transaction: {@link MediaService} streams bytes
 * outside any transaction and only comes here before and after.
 */
@Stateless
public class MediaRepository {

  @PersistenceContext private EntityManager em;

  /** The media at {@code uri}, uploaded or reserved. */
  public Optional<Media> find(MxcUri uri) {
    return Optional.ofNullable(
        em.find(Media.class, new Media.Key(uri.serverName(), uri.mediaId())));
  }

  /** Which of {@code uris} have their content now (one query for all waiting downloads). */
  public Set<MxcUri> uploadedAmong(Collection<MxcUri> uris) {
    Set<MxcUri> uploaded = new HashSet<>();
    for (MxcUri uri : uris) {
      // a query, not em.find: the content may have arrived through another cluster node
      boolean arrived =
          !em.createNativeQuery(
                  "SELECT 1 FROM media WHERE server_name = ?1 AND media_id = ?2"
                      + " AND uploaded_at IS NOT NULL")
              .setParameter(1, uri.serverName())
              .setParameter(2, uri.mediaId())
              .getResultList()
              .isEmpty();
      if (arrived) {
        uploaded.add(uri);
      }
    }
    return uploaded;
  }

  /** The bytes {@code uploader} has stored (thumbnails not counted). */
  public long storedBytes(String uploader) {
    Number sum =
        (Number)
            em.createNativeQuery(
                    "SELECT COALESCE(SUM(media_length), 0) FROM media WHERE uploader = ?1"
                        + " AND uploaded_at IS NOT NULL")
                .setParameter(1, uploader)
                .getSingleResult();
    return sum.longValue();
  }

  public void reserve(MxcUri uri, String uploader, long now, long unusedExpiresAt) {
    em.persist(Media.reserved(uri, uploader, now, unusedExpiresAt));
  }

  /** How many unexpired reservations {@code uploader} holds, and when the first of them expires. */
  public PendingUploads pending(String uploader, long now) {
    Object[] row =
        em.createNamedQuery(Media.PENDING_OF_UPLOADER, Object[].class)
            .setParameter("uploader", uploader)
            .setParameter("now", now)
            .getSingleResult();
    return new PendingUploads(((Number) row[0]).longValue(), (Long) row[1]);
  }

  /** Count of pending reservations and the earliest expiry among them (null when none). */
  public record PendingUploads(long count, Long firstExpiresAt) {}

  public void saveUploaded(
      MxcUri uri,
      String uploader,
      StoredUpload upload,
      String contentType,
      String uploadName,
      long now) {
    em.persist(Media.uploaded(uri, uploader, upload, contentType, uploadName, now));
  }

  /**
   * The checks of {@code PUT /upload/{serverName}/{mediaId}}: the URI was created, by this user,
   * and has no content yet. Run before the bytes are received (so a wrong request fails fast) and
   * again under a row lock when they have arrived.
   */
  public Media requireOpenReservation(MxcUri uri, String uploader, long now) {
    return requireOpen(find(uri).orElse(null), uploader, now);
  }

  /**
   * Attaches uploaded bytes to a reservation. The row lock makes two concurrent PUTs to the same
   * URI (on any cluster node) end with one success and one M_CANNOT_OVERWRITE_MEDIA.
   */
  public void completeReservation(
      MxcUri uri,
      String uploader,
      StoredUpload upload,
      String contentType,
      String uploadName,
      long now) {
    Media media =
        em.find(
            Media.class,
            new Media.Key(uri.serverName(), uri.mediaId()),
            LockModeType.PESSIMISTIC_WRITE);
    // an upload that started before the reservation expired may finish after it
    requireOpen(media, uploader, Long.MIN_VALUE).uploaded(upload, contentType, uploadName, now);
  }

  private static Media requireOpen(Media media, String uploader, long now) {
    if (media == null || media.isExpired(now)) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown or expired media ID");
    }
    if (!media.uploader().equals(uploader)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "This media ID was created by another user");
    }
    if (media.isUploaded()) {
      throw new MatrixException(ErrorCode.M_CANNOT_OVERWRITE_MEDIA, "Media already uploaded");
    }
    return media;
  }

  /** Removes reservations whose content never arrived; returns how many. */
  public int deleteExpiredReservations(long now) {
    return em.createNamedQuery(Media.DELETE_EXPIRED_RESERVATIONS)
        .setParameter("now", now)
        .executeUpdate();
  }

  public void remove(Media media) {
    em.remove(media);
  }
}
