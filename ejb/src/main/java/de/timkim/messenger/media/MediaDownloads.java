package de.timkim.messenger.media;

import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.blobs.BlobStore;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Downloads and thumbnails of local media
 * (https://spec.matrix.org/v1.11/client-server-api/#content-repository). A reserved URI is waited
 * for without holding the calling thread: the answer is given once, at once or from a managed
 * thread when the content arrives or the time is up (M_NOT_YET_UPLOADED, spec v1.7 asynchronous
 * uploads).
 *
 * <p>Runs without a transaction: the bytes are read when the response is written, after this
 * returns, and must not hold a database connection meanwhile.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaDownloads {

  /** Synapse's defaults for how long a download waits for a reserved upload to arrive. */
  static final long DEFAULT_TIMEOUT_MS = 20_000;

  static final long MAX_TIMEOUT_MS = 60_000;

  @Inject MediaRepository repository;

  @Inject BlobStore store;

  @Inject MediaUploadWaits waits;

  @Inject MediaThumbnails thumbnails;

  @Inject LocalMedia local;

  @Inject Clock clock;

  /**
   * GET /_matrix/client/v1/media/download/{serverName}/{mediaId}[/{fileName}]. A reserved URI is
   * waited for up to {@code timeoutMs}: {@code answer} or {@code fail} is called once.
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
      String override = fileNameOverride == null ? null : MediaService.fileName(fileNameOverride);
      whenUploaded(
          requester,
          local.uri(serverName, mediaId),
          timeoutMs,
          media -> {
            MediaContent content = MediaContent.stored(media, store);
            answer.accept(override == null ? content : content.withFileName(override));
          },
          fail);
    } catch (RuntimeException e) {
      fail.accept(e);
    }
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
      ThumbnailSize.Requested requested = MediaThumbnails.requested(width, height, method);
      whenUploaded(
          requester,
          local.uri(serverName, mediaId),
          timeoutMs,
          media -> answer.accept(thumbnails.thumbnailOf(media, requested)),
          fail);
    } catch (RuntimeException e) {
      fail.accept(e);
    }
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
}
