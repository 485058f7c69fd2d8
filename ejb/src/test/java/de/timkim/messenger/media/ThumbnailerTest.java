package de.timkim.messenger.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailerTest {

  private static byte[] image(int width, int height, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }

  @Test
  void readsDimensionsFromTheHeader() throws IOException {
    var dimensions = Thumbnailer.dimensions(new ByteArrayInputStream(image(640, 480, "png")));
    assertEquals(640, dimensions.width());
    assertEquals(480, dimensions.height());
  }

  @Test
  void scaledPngThumbnailIsAPngOfThePlannedSize() throws IOException {
    byte[] png = image(1000, 500, "png");
    ThumbnailSize size =
        ThumbnailSize.plan(1000, 500, new ThumbnailSize.Requested(320, 240, ThumbnailMethod.SCALE));
    byte[] thumbnail = Thumbnailer.render(new ByteArrayInputStream(png), size, "image/png");
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(thumbnail));
    assertEquals(320, read.getWidth());
    assertEquals(160, read.getHeight());
    // left half red, right half blue survives scaling
    assertEquals(Color.RED.getRGB(), read.getRGB(40, 80));
    assertEquals(Color.BLUE.getRGB(), read.getRGB(280, 80));
  }

  @Test
  void croppedJpegThumbnailIsAJpegFillingTheBox() throws IOException {
    byte[] jpeg = image(3000, 2000, "jpeg");
    ThumbnailSize size =
        ThumbnailSize.plan(3000, 2000, new ThumbnailSize.Requested(96, 96, ThumbnailMethod.CROP));
    byte[] thumbnail = Thumbnailer.render(new ByteArrayInputStream(jpeg), size, "image/jpeg");
    assertEquals((byte) 0xFF, thumbnail[0]);
    assertEquals((byte) 0xD8, thumbnail[1]);
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(thumbnail));
    assertEquals(96, read.getWidth());
    assertEquals(96, read.getHeight());
  }

  @Test
  void textIsNotAnImage() {
    assertThrows(
        IOException.class,
        () -> Thumbnailer.dimensions(new ByteArrayInputStream("not an image".getBytes())));
  }

  @Test
  void onlyPngJpegAndGifAreThumbnailed() {
    assertEquals(Optional.of("image/jpeg"), Thumbnailer.thumbnailType("image/jpeg"));
    assertEquals(Optional.of("image/png"), Thumbnailer.thumbnailType("image/gif"));
    assertEquals(Optional.of("image/png"), Thumbnailer.thumbnailType("IMAGE/PNG; foo=bar"));
    assertEquals(Optional.empty(), Thumbnailer.thumbnailType("image/svg+xml"));
    assertEquals(Optional.empty(), Thumbnailer.thumbnailType("application/pdf"));
  }
}
