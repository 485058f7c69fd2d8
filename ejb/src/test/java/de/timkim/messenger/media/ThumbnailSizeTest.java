package de.timkim.messenger.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThumbnailSizeTest {

  private static ThumbnailSize.Requested scale(int w, int h) {
    return new ThumbnailSize.Requested(w, h, ThumbnailMethod.SCALE);
  }

  private static ThumbnailSize.Requested crop(int w, int h) {
    return new ThumbnailSize.Requested(w, h, ThumbnailMethod.CROP);
  }

  @Test
  void scaleFitsAWideImageIntoTheBoxByItsWidth() {
    ThumbnailSize size = ThumbnailSize.plan(1000, 500, scale(320, 240));
    assertEquals(320, size.width());
    assertEquals(160, size.height());
    assertEquals(0, size.cropX());
  }

  @Test
  void scaleFitsATallImageIntoTheBoxByItsHeight() {
    ThumbnailSize size = ThumbnailSize.plan(600, 1200, scale(320, 240));
    assertEquals(120, size.width());
    assertEquals(240, size.height());
  }

  @Test
  void scaleNeverMakesADimensionZero() {
    ThumbnailSize size = ThumbnailSize.plan(10_000, 10, scale(32, 32));
    assertEquals(32, size.width());
    assertEquals(1, size.height());
  }

  @Test
  void cropFillsTheRequestedBoxExactlyFromTheMiddle() {
    ThumbnailSize size = ThumbnailSize.plan(1000, 500, crop(96, 96));
    assertEquals(96, size.width());
    assertEquals(96, size.height());
    assertEquals(96, size.scaledHeight());
    assertEquals(192, size.scaledWidth());
    assertEquals(48, size.cropX());
    assertEquals(0, size.cropY());
  }

  @Test
  void cropOfAnImageNarrowerThanTheBoxKeepsItsWidthAndCutsItsHeight() {
    ThumbnailSize size = ThumbnailSize.plan(50, 400, crop(96, 96));
    assertEquals(50, size.width());
    assertEquals(96, size.height());
    assertEquals(50, size.scaledWidth());
    assertEquals(400, size.scaledHeight());
    assertEquals((400 - 96) / 2, size.cropY());
  }

  @Test
  void imageNoLargerThanTheRequestIsServedAsItIs() {
    assertTrue(ThumbnailSize.plan(320, 240, scale(320, 240)).original());
    assertTrue(ThumbnailSize.plan(20, 20, crop(32, 32)).original());
    assertFalse(ThumbnailSize.plan(321, 10, scale(320, 240)).original());
  }

  @Test
  void neverUpscales() {
    for (int w : new int[] {33, 100, 999, 4000}) {
      for (int h : new int[] {1, 31, 250, 3000}) {
        for (ThumbnailSize.Requested r :
            new ThumbnailSize.Requested[] {scale(32, 32), crop(96, 96), scale(800, 600)}) {
          ThumbnailSize size = ThumbnailSize.plan(w, h, r);
          if (!size.original()) {
            assertTrue(size.scaledWidth() <= w && size.scaledHeight() <= h, w + "x" + h + r);
            assertTrue(size.width() <= size.scaledWidth() && size.height() <= size.scaledHeight());
          }
        }
      }
    }
  }

  @Test
  void onlyTheSpecsRecommendedSizesAreStandard() {
    assertTrue(crop(96, 96).isStandard());
    assertTrue(scale(800, 600).isStandard());
    assertFalse(scale(96, 96).isStandard());
    assertFalse(crop(801, 600).isStandard());
  }
}
