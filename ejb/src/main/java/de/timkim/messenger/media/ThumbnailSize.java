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

  /** The sizes the spec says servers SHOULD produce (see {@link #KEPT} for which are kept). */
  static final List<Requested> STANDARD =
      List.of(
          new Requested(32, 32, ThumbnailMethod.CROP),
          new Requested(96, 96, ThumbnailMethod.CROP),
          new Requested(320, 240, ThumbnailMethod.SCALE),
          new Requested(640, 480, ThumbnailMethod.SCALE),
          new Requested(800, 600, ThumbnailMethod.SCALE));

  /**
   * The sizes rendered and kept in the store: the standard ones and two larger scale boxes. Every
   * scale request and every square crop request up to 96 is served from the smallest of these that
   * covers it (the spec lets the thumbnail be larger than asked for), so rendering happens once per
   * media and size and a client cannot fill the disk with arbitrary sizes.
   */
  static final List<Requested> KEPT =
      List.of(
          STANDARD.get(0),
          STANDARD.get(1),
          STANDARD.get(2),
          STANDARD.get(3),
          STANDARD.get(4),
          new Requested(1280, 960, ThumbnailMethod.SCALE),
          new Requested(2048, 2048, ThumbnailMethod.SCALE));

  /** A client's thumbnail request. */
  public record Requested(int width, int height, ThumbnailMethod method) {
    public boolean isStandard() {
      return STANDARD.contains(this);
    }

    public boolean isKept() {
      return KEPT.contains(this);
    }

    /**
     * The smallest kept size of the same method whose box covers this request (for crop only one of
     * the same aspect ratio, as crop must keep the requested shape); this request if none.
     */
    public Requested kept() {
      for (Requested candidate : KEPT) {
        if (candidate.method() == method
            && candidate.width() >= width
            && candidate.height() >= height
            && (method == ThumbnailMethod.SCALE
                || (long) candidate.width() * height == (long) candidate.height() * width)) {
          return candidate;
        }
      }
      return this;
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
