package de.timkim.messenger.media;

import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.blobs.BlobStore;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The content repository (https://spec.matrix.org/v1.11/client-server-api/#content-repository):
 * uploads, reserved uploads, downloads and thumbnails of local media.
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

  /** Synapse's defaults for how long a download waits for a reserved upload to arrive. */
  static final long DEFAULT_TIMEOUT_MS = 20_000;

  static final long MAX_TIMEOUT_MS = 60_000;

  /** Larger requests are served at most this size: bounds the memory one thumbnail needs. */
  static final int MAX_THUMBNAIL_DIMENSION = 2048;

  private static final int MAX_FILE_NAME_LENGTH = 255;
  private static final Pattern CONTENT_TYPE =
      Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;[\\x20-\\x7e]*)?");
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  @Inject MediaRepository repository;

  @Inject BlobStore store;

  @Inject MediaUploadWaits waits;

  @Inject ThumbnailRenders renders;

  @Inject ServerNames serverNames;

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

  /**
   * What one user may keep stored in total (10 GiB; 0 = unlimited): a disk shared by a whole
   * practice or clinic must not be filled by one account.
   */
  @Inject
  @ConfigProperty(name = "tim.media.quota-bytes-per-user", defaultValue = "10737418240")
  long quotaBytesPerUser;

  @Inject RateLimiter rateLimiter;

  @Inject
  @ConfigProperty(name = "tim.media.max-pending-uploads", defaultValue = "5")
  int maxPendingUploads;

  @Inject
  @ConfigProperty(name = "tim.media.max-thumbnail-pixels", defaultValue = "40000000")
  long maxThumbnailPixels;

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
    admitUpload(uploader, upload.declaredLength());
    MxcUri uri = MxcUri.random(requester.serverName());
    StoredUpload stored = receive(uri, upload);
    try {
      requireWithinQuota(uploader, stored.length());
      repository.saveUploaded(
          uri, requester.userId().toString(), stored, contentType, fileName, clock.millis());
    } catch (RuntimeException e) {
      discard(stored.key());
      throw e;
    }
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
    MxcUri uri = local(serverName, mediaId);
    String uploader = requester.userId().toString();
    repository.requireOpenReservation(uri, uploader, clock.millis());
    admitUpload(uploader, upload.declaredLength());
    StoredUpload stored = receive(uri, upload);
    try {
      requireWithinQuota(uploader, stored.length());
      repository.completeReservation(uri, uploader, stored, contentType, fileName, clock.millis());
    } catch (RuntimeException e) {
      discard(stored.key());
      throw e;
    }
    LOG.info(() -> "Stored " + uri + " (" + stored.length() + " bytes, reserved)");
    waits.uploaded(uri);
  }

  /**
   * GET /_matrix/client/v1/media/download/{serverName}/{mediaId}[/{fileName}]. A reserved URI is
   * waited for up to {@code timeoutMs} without holding the calling thread: {@code answer} or {@code
   * fail} is called once, at once or from a managed thread when the content arrives or the time is
   * up (M_NOT_YET_UPLOADED, spec v1.7 asynchronous uploads).
   */
  public void download(
      Requester requester,
      String serverName,
      String mediaId,
      String fileNameOverride,
      Long timeoutMs,
      Consumer<MediaContent> answer,
      Consumer<Throwable> fail) {
    try {
      String override = fileNameOverride == null ? null : fileName(fileNameOverride);
      whenUploaded(
          requester,
          local(serverName, mediaId),
          timeoutMs,
          media -> {
            MediaContent content = contentOf(media);
            answer.accept(override == null ? content : content.withFileName(override));
          },
          fail);
    } catch (RuntimeException e) {
      fail.accept(e);
    }
  }

  private MediaContent contentOf(Media media) {
    String key = media.blobKey();
    return new MediaContent(
        media.contentType(),
        media.uploadName(),
        media.length(),
        media.sha256(),
        offset -> store.read(key, offset));
  }

  /**
   * GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId}, waiting for reserved media as
   * {@link #download} does.
   */
  public void thumbnail(
      Requester requester,
      String serverName,
      String mediaId,
      int width,
      int height,
      String method,
      Long timeoutMs,
      Consumer<MediaContent> answer,
      Consumer<Throwable> fail) {
    try {
      ThumbnailMethod how = ThumbnailMethod.parse(method);
      if (width < 1 || height < 1) {
        throw new MatrixException(ErrorCode.M_INVALID_PARAM, "width and height must be positive");
      }
      ThumbnailSize.Requested requested =
          new ThumbnailSize.Requested(
              Math.min(width, MAX_THUMBNAIL_DIMENSION),
              Math.min(height, MAX_THUMBNAIL_DIMENSION),
              how);
      whenUploaded(
          requester,
          local(serverName, mediaId),
          timeoutMs,
          media -> answer.accept(thumbnailOf(media, requested)),
          fail);
    } catch (RuntimeException e) {
      fail.accept(e);
    }
  }

  /**
   * The thumbnail of {@code media}: requests are served from the smallest kept size that covers
   * them ({@link ThumbnailSize.Requested#kept()}), rendered once and then read from the store; the
   * image header is checked against {@code tim.media.max-thumbnail-pixels} before anything is
   * decoded, and renders are bounded per node ({@link ThumbnailRenders}).
   */
  private MediaContent thumbnailOf(Media media, ThumbnailSize.Requested asked) {
    ThumbnailSize.Requested requested = asked.kept();
    ThumbnailMethod how = requested.method();
    String outputType =
        Thumbnailer.thumbnailType(media.contentType()).orElseThrow(() -> cannotThumbnail());
    Thumbnailer.Dimensions source;
    try (InputStream in = store.read(media.blobKey(), 0)) {
      source = Thumbnailer.dimensions(in);
    } catch (IOException e) {
      LOG.log(Level.INFO, "No thumbnail of " + media.uri() + ": " + e.getMessage());
      throw cannotThumbnail();
    }
    if (source.pixels() > maxThumbnailPixels) {
      throw new MatrixException(
          ErrorCode.M_TOO_LARGE,
          "Images above " + maxThumbnailPixels + " pixels are not thumbnailed");
    }
    ThumbnailSize size = ThumbnailSize.plan(source.width(), source.height(), requested);
    if (size.original()) {
      // spec: content smaller than the requested size is served as it is
      return contentOf(media).withFileName("thumbnail" + extension(media.contentType()));
    }
    String extension = extension(outputType);
    String etag = media.sha256() + "-" + size.width() + "x" + size.height() + "-" + how.wireName();
    String cacheKey = requested.isKept() ? thumbnailKey(media, requested, extension) : null;
    if (cacheKey != null) {
      OptionalLong cached = cachedSize(cacheKey);
      if (cached.isPresent()) {
        return new MediaContent(
            outputType,
            "thumbnail" + extension,
            cached.getAsLong(),
            etag,
            offset -> store.read(cacheKey, offset));
      }
    }
    byte[] thumbnail;
    try {
      thumbnail =
          renders.render(
              () -> {
                try (InputStream in = store.read(media.blobKey(), 0)) {
                  return Thumbnailer.render(in, size, outputType);
                }
              });
    } catch (IOException e) {
      LOG.log(Level.INFO, "No thumbnail of " + media.uri() + ": " + e.getMessage());
      throw cannotThumbnail();
    }
    if (cacheKey != null) {
      try {
        store.write(cacheKey, new ByteArrayInputStream(thumbnail));
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not keep thumbnail of " + media.uri(), e);
      }
    }
    return new MediaContent(
        outputType,
        "thumbnail" + extension,
        thumbnail.length,
        etag,
        offset ->
            new ByteArrayInputStream(thumbnail, (int) offset, thumbnail.length - (int) offset));
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

  /** Media of any server name this deployment serves is local; others are remote. */
  private MxcUri local(String serverName, String mediaId) {
    MxcUri uri = new MxcUri(serverName, mediaId);
    if (!serverNames.isServed(serverName)) {
      // federation comes later: until then remote media is simply not found
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Remote media is not available");
    }
    return uri;
  }

  /**
   * Calls {@code then} with the media once its content is there. A download of a reserved URI parks
   * in {@link MediaUploadWaits} (no thread held, limited per user and node) and looks again when
   * woken; {@code then} runs on the thread that finds the content.
   */
  private void whenUploaded(
      Requester requester,
      MxcUri uri,
      Long timeoutMs,
      Consumer<Media> then,
      Consumer<Throwable> fail) {
    long timeout =
        Math.max(0, Math.min(timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs, MAX_TIMEOUT_MS));
    Media media = available(uri);
    if (media.isUploaded()) {
      then.accept(media);
      return;
    }
    if (timeout == 0) {
      throw notYetUploaded();
    }
    waits.await(
        requester.userId().toString(),
        uri,
        timeout,
        () -> {
          try {
            Media now = available(uri);
            if (!now.isUploaded()) {
              throw notYetUploaded();
            }
            then.accept(now);
          } catch (RuntimeException e) {
            fail.accept(e);
          }
        });
  }

  /** Uploaded or reserved and not yet expired, else M_NOT_FOUND. */
  private Media available(MxcUri uri) {
    Media media =
        repository
            .find(uri)
            .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Media not found"));
    if (!media.isUploaded() && media.isExpired(clock.millis())) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Media not found");
    }
    return media;
  }

  private static MatrixException notYetUploaded() {
    return new MatrixException(ErrorCode.M_NOT_YET_UPLOADED, "Content has not been uploaded yet");
  }

  /**
   * The per-user upload rate limit and, when the client declared the length, the quota: both refuse
   * before any byte is stored.
   */
  private void admitUpload(String uploader, Long declaredLength) {
    rateLimiter.spend(RateLimit.UPLOADS_PER_USER, uploader);
    if (declaredLength != null && declaredLength > maxUploadBytes) {
      // a file over the per-file limit is M_TOO_LARGE (receive refuses it), whatever the quota
      return;
    }
    requireWithinQuota(uploader, declaredLength == null ? 0 : declaredLength);
  }

  /**
   * Synapse answers its media_upload_limits with 400 M_RESOURCE_LIMIT_EXCEEDED "Media upload limit
   * exceeded" (media_repository.py); TIM-KIM answers the same so clients handle both alike. Two
   * concurrent uploads may both pass: the quota is exceeded by at most one upload then.
   */
  private void requireWithinQuota(String uploader, long adding) {
    if (quotaBytesPerUser <= 0) {
      return;
    }
    if (repository.storedBytes(uploader) + adding > quotaBytesPerUser) {
      LOG.info(() -> "Refused an upload of " + uploader + ": storage quota exceeded");
      throw new MatrixException(
          ErrorCode.M_RESOURCE_LIMIT_EXCEEDED,
          400,
          "Media upload limit exceeded: quota of " + quotaBytesPerUser + " bytes per user",
          Map.of());
    }
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

  private OptionalLong cachedSize(String key) {
    try {
      return store.size(key);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private MatrixException tooLarge() {
    return new MatrixException(
        ErrorCode.M_TOO_LARGE, "Uploads are limited to " + maxUploadBytes + " bytes");
  }

  private static MatrixException cannotThumbnail() {
    return new MatrixException(
        ErrorCode.M_UNKNOWN, 400, "Cannot generate thumbnails for the requested content", Map.of());
  }

  /** A missing or malformed Content-Type is stored as application/octet-stream. */
  static String contentType(String declared) {
    if (declared == null || declared.length() > 255 || !CONTENT_TYPE.matcher(declared).matches()) {
      return DEFAULT_CONTENT_TYPE;
    }
    return declared.trim();
  }

  private static String fileName(String name) {
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

  /** Where a standard-size thumbnail of {@code media} is kept in the store. */
  private static String thumbnailKey(Media media, ThumbnailSize.Requested size, String extension) {
    return "thumbnails/"
        + media.blobKey().substring(media.blobKey().lastIndexOf('/') + 1)
        + "-"
        + size.width()
        + "x"
        + size.height()
        + "-"
        + size.method().wireName()
        + extension;
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
                  Thumbnailer.thumbnailType(media.contentType())
                      .ifPresent(
                          type -> {
                            for (ThumbnailSize.Requested size : ThumbnailSize.KEPT) {
                              keys.add(thumbnailKey(media, size, extension(type)));
                            }
                          });
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

  private static String extension(String contentType) {
    return switch (contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT)) {
      case "image/jpeg", "image/jpg" -> ".jpg";
      case "image/gif" -> ".gif";
      default -> ".png";
    };
  }
}
