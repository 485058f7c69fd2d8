package de.timkim.messenger.media;

import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.blobs.BlobStore;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The content repository (https://spec.matrix.org/v1.11/client-server-api/#content-repository):
 * uploads, reserved uploads and the deletion of local media; {@link MediaDownloads} serves them.
 *
 * <p>Runs without a transaction: an upload of 110 MB over a slow link must not hold a transaction
 * or a database connection while its bytes arrive. The bytes stream into the {@link BlobStore}
 * first; {@link MediaRepository} then records them in a short transaction of its own, and a blob
 * whose record fails is deleted again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaService {

  private static final Logger LOG = Logger.getLogger(MediaService.class.getName());

  private static final int MAX_FILE_NAME_LENGTH = 255;
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;[\\x20-\\x7e]*)?");
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  @Inject MediaRepository repository;

  @Inject BlobStore store;

  @Inject MediaUploadWaits waits;

  @Inject MediaQuota quota;

  @Inject LocalMedia local;

  @Inject Clock clock;

  @Resource TransactionSynchronizationRegistry transactions;

  /** 110 MB, defined as 110 × 1024 × 1024 bytes. */
  @Inject
  @ConfigProperty(name = "tim.media.max-upload-bytes", defaultValue = "115343360")
  long maxUploadBytes;

  /** The spec's recommended 24 hours for an mxc:// URI from /create to receive its content. */
  @Inject
  @ConfigProperty(name = "tim.media.unused-expiry-ms", defaultValue = "86400000")
  long unusedExpiryMs;

  @Inject
  @ConfigProperty(name = "tim.media.max-pending-uploads", defaultValue = "5")
  int maxPendingUploads;

  /** What a client sends to /upload: the body stays a stream all the way to the store. */
  public record Upload(
      String contentType, String fileName, Long declaredLength, InputStream body) {}

  /** A reserved mxc:// URI and until when its content may arrive. */
  public record Reservation(MxcUri uri, long unusedExpiresAt) {}

  /** GET /media/config: m.upload.size. */
  public long maxUploadBytes() {
    return maxUploadBytes;
  }

  /** POST /_matrix/media/v3/upload: stores the content under a new mxc:// URI. */
  public MxcUri upload(Requester requester, Upload upload) {
    String contentType = contentType(upload.contentType());
    String fileName = fileName(upload.fileName());
    String uploader = requester.userId().toString();
    quota.admitUpload(uploader, upload.declaredLength());
    MxcUri uri = MxcUri.random(requester.serverName());
    StoredUpload stored =
        store(
            uri,
            uploader,
            upload,
            received ->
                repository.saveUploaded(
                    uri, uploader, received, contentType, fileName, clock.millis()));
    LOG.info(() -> "Stored " + uri + " (" + stored.length() + " bytes)");
    return uri;
  }

  /**
   * POST /_matrix/media/v1/create. The number of open reservations per user is limited as the spec
   * asks; two concurrent requests may both pass the count, which only loosens the limit by one.
   */
  public Reservation create(Requester requester) {
    String uploader = requester.userId().toString();
    long now = clock.millis();
    MediaRepository.PendingUploads pending = repository.pending(uploader, now);
    if (pending.count() >= maxPendingUploads) {
      long retryAfter = pending.firstExpiresAt() == null ? 1000 : pending.firstExpiresAt() - now;
      throw MatrixException.rateLimited(Math.max(1000, retryAfter));
    }
    MxcUri uri = MxcUri.random(requester.serverName());
    long expiresAt = now + unusedExpiryMs;
    repository.reserve(uri, uploader, now, expiresAt);
    LOG.fine(() -> "Reserved " + uri);
    return new Reservation(uri, expiresAt);
  }

  /** PUT /_matrix/media/v3/upload/{serverName}/{mediaId}: the content of a reserved URI. */
  public void uploadTo(Requester requester, String serverName, String mediaId, Upload upload) {
    String contentType = contentType(upload.contentType());
    String fileName = fileName(upload.fileName());
    MxcUri uri = local.uri(serverName, mediaId);
    String uploader = requester.userId().toString();
    repository.requireOpenReservation(uri, uploader, clock.millis());
    quota.admitUpload(uploader, upload.declaredLength());
    StoredUpload stored =
        store(
            uri,
            uploader,
            upload,
            received ->
                repository.completeReservation(
                    uri, uploader, received, contentType, fileName, clock.millis()));
    LOG.info(() -> "Stored " + uri + " (" + stored.length() + " bytes, reserved)");
    waits.uploaded(uri);
  }

  /**
   * GET /_matrix/client/v1/media/preview_url. The TI-Messenger does not preview URLs: the server
   * would fetch whatever URL a user posts, telling third parties what is being discussed (and
   * reaching into networks on the user's behalf), and previews of links in end-to-end encrypted
   * rooms would hand their content to the server.
   */
  public void previewUrl(Requester requester) {
    throw new MatrixException(
        ErrorCode.M_FORBIDDEN, "URL previews are disabled on this TI-Messenger server");
  }

  /**
   * GET /_matrix/media/v3/download and /thumbnail (unauthenticated, deprecated in v1.11): frozen
   * for all media, as the spec allows and Synapse does with enable_authenticated_media. TIM-KIM
   * never served media without authentication, so there is nothing uploaded "before the freeze".
   */
  public void unauthenticatedDownload(String serverName, String mediaId) {
    throw new MatrixException(
        ErrorCode.M_NOT_FOUND,
        "Media is only served by the authenticated /_matrix/client/v1/media API");
  }

  /**
   * Receives the body, checks the quota against its real length and records it with {@code record};
   * a blob whose record fails is deleted again.
   */
  private StoredUpload store(
      MxcUri uri, String uploader, Upload upload, Consumer<StoredUpload> record) {
    StoredUpload stored = receive(uri, upload);
    try {
      quota.requireWithinQuota(uploader, stored.length());
      record.accept(stored);
    } catch (RuntimeException e) {
      discard(stored.key());
      throw e;
    }
    return stored;
  }

  /** Streams the body into the store, refusing it as soon as it is known to be too large. */
  private StoredUpload receive(MxcUri uri, Upload upload) {
    if (upload.declaredLength() != null && upload.declaredLength() > maxUploadBytes) {
      LOG.info(() -> "Refused " + uri + ": declared " + upload.declaredLength() + " bytes");
      throw tooLarge();
    }
    String key = "content/" + uri.mediaId() + "." + MxcUri.randomLetters(8);
    UploadStream body = new UploadStream(upload.body(), maxUploadBytes);
    try {
      store.write(key, body);
    } catch (UploadStream.TooLargeException e) {
      LOG.info(() -> "Refused " + uri + ": more than " + maxUploadBytes + " bytes");
      throw tooLarge();
    } catch (IOException e) {
      if (body.sourceFailed()) {
        LOG.info(() -> "Upload of " + uri + " interrupted after " + body.count() + " bytes");
        throw new MatrixException(ErrorCode.M_UNKNOWN, 400, "The upload was interrupted", Map.of());
      }
      throw new UncheckedIOException("Could not store " + uri, e);
    }
    return new StoredUpload(key, body.count(), body.sha256Hex());
  }

  private void discard(String key) {
    try {
      store.delete(key);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete unrecorded blob " + key, e);
    }
  }

  private MatrixException tooLarge() {
    return new MatrixException(
        ErrorCode.M_TOO_LARGE, "Uploads are limited to " + maxUploadBytes + " bytes");
  }

  /** A missing or malformed Content-Type is stored as application/octet-stream. */
  static String contentType(String declared) {
    if (declared == null || declared.length() > 255 || !CONTENT_TYPE.matcher(declared).matches()) {
      return DEFAULT_CONTENT_TYPE;
    }
    return declared.trim();
  }

  static String fileName(String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (name.length() > MAX_FILE_NAME_LENGTH) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM,
          "File names are limited to " + MAX_FILE_NAME_LENGTH + " characters");
    }
    return name;
  }

  /**
   * Deletes local media that no event uses any more (after a redaction or retention): the rows with
   * the caller's transaction, the bytes and kept thumbnails once it has committed, so a rollback
   * never leaves a row without its file.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void delete(List<MxcUri> unused) {
    List<String> keys = new ArrayList<>();
    for (MxcUri uri : unused) {
      repository
          .find(uri)
          .ifPresent(
              media -> {
                if (media.blobKey() != null) {
                  keys.add(media.blobKey());
                  keys.addAll(MediaThumbnails.keptKeys(media));
                }
                repository.remove(media);
              });
    }
    if (keys.isEmpty()) {
      return;
    }
    AfterTransaction.onCommit(
        transactions,
        () -> {
          for (String key : keys) {
            try {
              store.delete(key);
            } catch (IOException e) {
              LOG.log(Level.WARNING, "Could not delete media file " + key, e);
            }
          }
        });
    LOG.info(() -> "Deleting " + unused.size() + " media no event uses any more");
  }
}
