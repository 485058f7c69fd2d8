package de.timkim.messenger.media;

import java.util.List;

/**
 * How a thumbnail is cut from an image: scale the source to {@code scaledWidth × scaledHeight},
 * then keep the {@code width × height} window at {@code (cropX, cropY)}. Rules from
 * https://spec.matrix.org/v1.11/client-server-api/#thumbnails: never upscale; when the image is no
 * larger than the requested box, serve the original ({@link #original()}); scale fits the image
 * into the box keeping its aspect ratio (as Synapse does); crop fills the box exactly.
 */
public record ThumbnailSize(
    int scaledWidth, int scaledHeight, int cropX, int cropY, int width, int height) {

  /**
   * The sizes the spec says servers SHOULD produce. Only these are kept in the media store: any
   * other size is rendered per request, so a client cannot fill the disk with arbitrary sizes.
   */
  static final List<Requested> STANDARD =
      List.of(
          new Requested(32, 32, ThumbnailMethod.CROP),
          new Requested(96, 96, ThumbnailMethod.CROP),
          new Requested(320, 240, ThumbnailMethod.SCALE),
          new Requested(640, 480, ThumbnailMethod.SCALE),
          new Requested(800, 600, ThumbnailMethod.SCALE));

  /** A client's thumbnail request. */
  public record Requested(int width, int height, ThumbnailMethod method) {
    public boolean isStandard() {
      return STANDARD.contains(this);
    }
  }

  private static final ThumbnailSize ORIGINAL = new ThumbnailSize(0, 0, 0, 0, 0, 0);

  /** The source needs no thumbnail: it already fits the request. */
  public boolean original() {
    return width == 0;
  }

  public static ThumbnailSize plan(int sourceWidth, int sourceHeight, Requested requested) {
    if (sourceWidth < 1 || sourceHeight < 1 || requested.width() < 1 || requested.height() < 1) {
      throw new IllegalArgumentException("Sizes must be positive");
    }
    if (sourceWidth <= requested.width() && sourceHeight <= requested.height()) {
      return ORIGINAL;
    }
    long sw = sourceWidth;
    long sh = sourceHeight;
    if (requested.method() == ThumbnailMethod.SCALE) {
      int w;
      int h;
      if (requested.width() * sh <= requested.height() * sw) {
        // the width is what limits
        w = requested.width();
        h = (int) Math.max(1, Math.round(requested.width() * sh / (double) sw));
      } else {
        h = requested.height();
        w = (int) Math.max(1, Math.round(requested.height() * sw / (double) sh));
      }
      return new ThumbnailSize(w, h, 0, 0, w, h);
    }
    int w = Math.min(requested.width(), sourceWidth);
    int h = Math.min(requested.height(), sourceHeight);
    // scale just enough to cover the window, then cut the middle out
    double factor = Math.max(w / (double) sw, h / (double) sh);
    int scaledWidth = (int) Math.max(w, Math.round(sw * factor));
    int scaledHeight = (int) Math.max(h, Math.round(sh * factor));
    return new ThumbnailSize(
        scaledWidth, scaledHeight, (scaledWidth - w) / 2, (scaledHeight - h) / 2, w, h);
  }
}
