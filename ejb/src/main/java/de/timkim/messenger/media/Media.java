package de.timkim.messenger.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One piece of local media: either uploaded (content type, name, length, hash and where the store
 * keeps the bytes) or only reserved by {@code POST /create} until {@link #unusedExpiresAt()}.
 */
@Entity
@Table(name = "media")
@IdClass(Media.Key.class)
@NamedQuery(
    name = Media.PENDING_OF_UPLOADER,
    query =
        "select count(m), min(m.unusedExpiresAt) from Media m where m.uploader = :uploader"
            + " and m.uploadedAt is null and m.unusedExpiresAt > :now")
@NamedQuery(
    name = Media.DELETE_EXPIRED_RESERVATIONS,
    query = "delete from Media m where m.uploadedAt is null and m.unusedExpiresAt <= :now")
public class Media {

  static final String PENDING_OF_UPLOADER = "Media.pendingOfUploader";
  static final String DELETE_EXPIRED_RESERVATIONS = "Media.deleteExpiredReservations";

  @Id
  @Column(name = "server_name")
  private String serverName;

  @Id
  @Column(name = "media_id")
  private String mediaId;

  @Column(name = "uploader", nullable = false)
  private String uploader;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "unused_expires_at")
  private Long unusedExpiresAt;

  @Column(name = "uploaded_at")
  private Long uploadedAt;

  @Column(name = "content_type")
  private String contentType;

  @Column(name = "upload_name")
  private String uploadName;

  @Column(name = "media_length")
  private Long length;

  @Column(name = "sha256")
  private String sha256;

  @Column(name = "blob_key")
  private String blobKey;

  protected Media() {}

  /** A reservation made by {@code POST /_matrix/media/v1/create}. */
  static Media reserved(MxcUri uri, String uploader, long now, long unusedExpiresAt) {
    Media media = new Media();
    media.serverName = uri.serverName();
    media.mediaId = uri.mediaId();
    media.uploader = uploader;
    media.createdAt = now;
    media.unusedExpiresAt = unusedExpiresAt;
    return media;
  }

  /** Content uploaded in one go by {@code POST /_matrix/media/v3/upload}. */
  static Media uploaded(
      MxcUri uri,
      String uploader,
      StoredUpload upload,
      String contentType,
      String uploadName,
      long now) {
    Media media = reserved(uri, uploader, now, now);
    media.uploaded(upload, contentType, uploadName, now);
    return media;
  }

  void uploaded(StoredUpload upload, String contentType, String uploadName, long now) {
    this.contentType = contentType;
    this.uploadName = uploadName;
    this.length = upload.length();
    this.sha256 = upload.sha256();
    this.blobKey = upload.key();
    this.uploadedAt = now;
    this.unusedExpiresAt = null;
  }

  public MxcUri uri() {
    return new MxcUri(serverName, mediaId);
  }

  public String uploader() {
    return uploader;
  }

  public boolean isUploaded() {
    return uploadedAt != null;
  }

  public boolean isExpired(long now) {
    return uploadedAt == null && unusedExpiresAt != null && unusedExpiresAt <= now;
  }

  public Long unusedExpiresAt() {
    return unusedExpiresAt;
  }

  public String contentType() {
    return contentType;
  }

  public String uploadName() {
    return uploadName;
  }

  public long length() {
    return length;
  }

  public String sha256() {
    return sha256;
  }

  public String blobKey() {
    return blobKey;
  }

  /** Composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String serverName;
    private String mediaId;

    public Key() {}

    public Key(String serverName, String mediaId) {
      this.serverName = serverName;
      this.mediaId = mediaId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(serverName, k.serverName)
          && Objects.equals(mediaId, k.mediaId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(serverName, mediaId);
    }
  }
}
