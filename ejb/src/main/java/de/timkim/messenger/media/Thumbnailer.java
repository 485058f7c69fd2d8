package de.timkim.messenger.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders thumbnails of PNG, JPEG and GIF images with the JDK's {@code javax.imageio}. Images are
 * decoded subsampled (every n-th pixel) when they are much larger than the thumbnail, so memory
 * follows the thumbnail's size rather than the image's. JPEG stays JPEG; PNG and GIF (first frame:
 * no animated thumbnails, which the spec allows) become PNG.
 */
public final class Thumbnailer {

  private static final Set<String> READABLE_FORMATS = Set.of("png", "jpeg", "gif");
  private static final float JPEG_QUALITY = 0.85f;

  /** The most pixels one render decodes (2048 × 2048, at most 32 MB even at 16 bits × RGBA). */
  static final long MAX_DECODED_PIXELS = 2048L * 2048;

  private Thumbnailer() {}

  /** An image's size in pixels, read from its header only. */
  public record Dimensions(int width, int height) {
    public long pixels() {
      return (long) width * height;
    }
  }

  /** The thumbnail content type for media of {@code contentType}, or empty if not thumbnailed. */
  public static Optional<String> thumbnailType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "image/jpeg", "image/jpg" -> Optional.of("image/jpeg");
      case "image/png", "image/gif" -> Optional.of("image/png");
      default -> Optional.empty();
    };
  }

  public static Dimensions dimensions(InputStream image) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(image)) {
      ImageReader reader = readerFor(in);
      try {
        reader.setInput(in, true, true);
        return new Dimensions(reader.getWidth(0), reader.getHeight(0));
      } catch (RuntimeException e) {
        throw unreadable(e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** The thumbnail of {@code image} cut as {@code size} says, encoded as {@code outputType}. */
  public static byte[] render(InputStream image, ThumbnailSize size, String outputType)
      throws IOException {
    boolean jpeg = outputType.equals("image/jpeg");
    BufferedImage decoded;
    try (ImageInputStream in = ImageIO.createImageInputStream(image)) {
      ImageReader reader = readerFor(in);
      try {
        reader.setInput(in, true, true);
        int subsampling = subsampling(reader.getWidth(0), reader.getHeight(0), size);
        ImageReadParam param = reader.getDefaultReadParam();
        if (subsampling > 1) {
          param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        decoded = reader.read(0, param);
      } catch (RuntimeException e) {
        throw unreadable(e);
      } finally {
        reader.dispose();
      }
    }
    int type =
        jpeg || !decoded.getColorModel().hasAlpha()
            ? BufferedImage.TYPE_INT_RGB
            : BufferedImage.TYPE_INT_ARGB;
    BufferedImage scaled = scale(decoded, size.scaledWidth(), size.scaledHeight(), type);
    BufferedImage window = new BufferedImage(size.width(), size.height(), type);
    Graphics2D g = window.createGraphics();
    try {
      g.drawImage(scaled, -size.cropX(), -size.cropY(), null);
    } finally {
      g.dispose();
    }
    return jpeg ? encodeJpeg(window) : encodePng(window);
  }

  /**
   * Every n-th pixel of every n-th row is decoded: enough for twice the thumbnail's size, and never
   * more than {@link #MAX_DECODED_PIXELS} whatever size was asked, so a small file declaring a huge
   * image (a decompression bomb) costs the memory of a 2048 × 2048 image at most.
   */
  static int subsampling(int sourceWidth, int sourceHeight, ThumbnailSize size) {
    int forThumbnail =
        Math.min(sourceWidth / (2 * size.scaledWidth()), sourceHeight / (2 * size.scaledHeight()));
    int forBudget = 1;
    while ((long) ceilDiv(sourceWidth, forBudget) * ceilDiv(sourceHeight, forBudget)
        > MAX_DECODED_PIXELS) {
      forBudget++;
    }
    return Math.max(1, Math.max(forThumbnail, forBudget));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static ImageReader readerFor(ImageInputStream in) throws IOException {
    if (in == null) {
      throw new IIOException("No image stream");
    }
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      if (READABLE_FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
        return reader;
      }
      reader.dispose();
    }
    throw new IIOException("Not a PNG, JPEG or GIF image");
  }

  /** Halves with bilinear filtering until close, then one last step: smooth and cheap. */
  private static BufferedImage scale(BufferedImage source, int width, int height, int type) {
    BufferedImage current = source;
    int w = source.getWidth();
    int h = source.getHeight();
    do {
      w = w / 2 >= width ? w / 2 : width;
      h = h / 2 >= height ? h / 2 : height;
      BufferedImage next = new BufferedImage(w, h, type);
      Graphics2D g = next.createGraphics();
      try {
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(current, 0, 0, w, h, null);
      } finally {
        g.dispose();
      }
      current = next;
    } while (w != width || h != height);
    return current;
  }

  private static byte[] encodePng(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IIOException("No PNG writer");
    }
    return out.toByteArray();
  }

  private static byte[] encodeJpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** Decoders signal malformed input with runtime exceptions too (index out of bounds, ...). */
  private static IIOException unreadable(RuntimeException e) {
    return new IIOException("Malformed image: " + e.getClass().getSimpleName(), e);
  }
}
