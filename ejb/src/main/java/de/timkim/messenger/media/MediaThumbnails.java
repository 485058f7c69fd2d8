package de.timkim.messenger.media;

import de.timkim.platform.blobs.BlobStore;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Thumbnails of local media: requests are served from the smallest kept size that covers them
 * ({@link ThumbnailSize.Requested#kept()}), rendered once and then read from the store. Runs in the
 * caller's context (no transaction), as the download it answers.
 */
@ApplicationScoped
class MediaThumbnails {

  private static final Logger LOG = Logger.getLogger(MediaThumbnails.class.getName());

  /** Larger requests are served at most this size: bounds the memory one thumbnail needs. */
  static final int MAX_THUMBNAIL_DIMENSION = 2048;

  @Inject BlobStore store;

  @Inject ThumbnailRenders renders;

  @Inject
  @ConfigProperty(name = "tim.media.max-thumbnail-pixels", defaultValue = "40000000")
  long maxThumbnailPixels;

  /** The size a client asked for, validated and capped at {@link #MAX_THUMBNAIL_DIMENSION}. */
  static ThumbnailSize.Requested requested(int width, int height, String method) {
    ThumbnailMethod how = ThumbnailMethod.parse(method);
    if (width < 1 || height < 1) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "width and height must be positive");
    }
    return new ThumbnailSize.Requested(
        Math.min(width, MAX_THUMBNAIL_DIMENSION), Math.min(height, MAX_THUMBNAIL_DIMENSION), how);
  }

  /**
   * The thumbnail of {@code media}: the image header is checked against {@code
   * tim.media.max-thumbnail-pixels} before anything is decoded, and renders are bounded per node
   * ({@link ThumbnailRenders}).
   */
  MediaContent thumbnailOf(Media media, ThumbnailSize.Requested asked) {
    ThumbnailSize.Requested requested = asked.kept();
    String outputType =
        Thumbnailer.thumbnailType(media.contentType()).orElseThrow(() -> cannotThumbnail());
    Thumbnailer.Dimensions source = dimensionsOf(media);
    if (source.pixels() > maxThumbnailPixels) {
      throw new MatrixException(
          ErrorCode.M_TOO_LARGE,
          "Images above " + maxThumbnailPixels + " pixels are not thumbnailed");
    }
    ThumbnailSize size = ThumbnailSize.plan(source.width(), source.height(), requested);
    if (size.original()) {
      // spec: content smaller than the requested size is served as it is
      return MediaContent.stored(media, store)
          .withFileName("thumbnail" + extension(media.contentType()));
    }
    String extension = extension(outputType);
    String etag =
        media.sha256()
            + "-"
            + size.width()
            + "x"
            + size.height()
            + "-"
            + requested.method().wireName();
    String cacheKey = requested.isKept() ? thumbnailKey(media, requested, extension) : null;
    if (cacheKey != null) {
      Optional<MediaContent> cached = cached(cacheKey, outputType, extension, etag);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    byte[] thumbnail = render(media, size, outputType);
    if (cacheKey != null) {
      keep(media, cacheKey, thumbnail);
    }
    return new MediaContent(
        outputType,
        "thumbnail" + extension,
        thumbnail.length,
        etag,
        offset ->
            new ByteArrayInputStream(thumbnail, (int) offset, thumbnail.length - (int) offset));
  }

  private Thumbnailer.Dimensions dimensionsOf(Media media) {
    try (InputStream in = store.read(media.blobKey(), 0)) {
      return Thumbnailer.dimensions(in);
    } catch (IOException e) {
      LOG.log(Level.INFO, "No thumbnail of " + media.uri() + ": " + e.getMessage());
      throw cannotThumbnail();
    }
  }

  private Optional<MediaContent> cached(
      String cacheKey, String outputType, String extension, String etag) {
    OptionalLong cached = cachedSize(cacheKey);
    if (cached.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MediaContent(
            outputType,
            "thumbnail" + extension,
            cached.getAsLong(),
            etag,
            offset -> store.read(cacheKey, offset)));
  }

  private byte[] render(Media media, ThumbnailSize size, String outputType) {
    try {
      return renders.render(
          () -> {
            try (InputStream in = store.read(media.blobKey(), 0)) {
              return Thumbnailer.render(in, size, outputType);
            }
          });
    } catch (IOException e) {
      LOG.log(Level.INFO, "No thumbnail of " + media.uri() + ": " + e.getMessage());
      throw cannotThumbnail();
    }
  }

  private void keep(Media media, String cacheKey, byte[] thumbnail) {
    try {
      store.write(cacheKey, new ByteArrayInputStream(thumbnail));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not keep thumbnail of " + media.uri(), e);
    }
  }

  private OptionalLong cachedSize(String key) {
    try {
      return store.size(key);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The store keys of every kept thumbnail size {@code media} may have. */
  static List<String> keptKeys(Media media) {
    List<String> keys = new ArrayList<>();
    Thumbnailer.thumbnailType(media.contentType())
        .ifPresent(
            type -> {
              for (ThumbnailSize.Requested size : ThumbnailSize.KEPT) {
                keys.add(thumbnailKey(media, size, extension(type)));
              }
            });
    return keys;
  }

  private static MatrixException cannotThumbnail() {
    return new MatrixException(
        ErrorCode.M_UNKNOWN, 400, "Cannot generate thumbnails for the requested content", Map.of());
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

  private static String extension(String contentType) {
    return switch (contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)) {
      case "image/jpeg", "image/jpg" -> ".jpg";
      case "image/gif" -> ".gif";
      default -> ".png";
    };
  }
}
