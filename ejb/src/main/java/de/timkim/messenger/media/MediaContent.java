package de.timkim.messenger.media;

import de.timkim.platform.blobs.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * Something to send to a client: a download or a thumbnail. The bytes are opened only when the
 * response is written, outside any transaction, and may be opened at an offset for HTTP ranges.
 *
 * @param fileName the name for Content-Disposition, or null for none
 * @param etag a strong validator of the bytes (their SHA-256 for uploads)
 */
public record MediaContent(
    String contentType, String fileName, long length, String etag, Opener opener) {

  /** Opens the bytes from an offset. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(long offset) throws IOException;
  }

  /** The uploaded bytes of {@code media}, read from {@code store} when the response is written. */
  static MediaContent stored(Media media, BlobStore store) {
    String key = media.blobKey();
    return new MediaContent(
        media.contentType(),
        media.uploadName(),
        media.length(),
        media.sha256(),
        offset -> store.read(key, offset));
  }

  public InputStream open(long offset) throws IOException {
    return opener.open(offset);
  }

  public MediaContent withFileName(String name) {
    return new MediaContent(contentType, name, length, etag, opener);
  }
}
