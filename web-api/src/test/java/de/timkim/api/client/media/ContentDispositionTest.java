package de.timkim.api.client.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

  @Test
  void safeImageIsInlineWithItsPlainName() {
    assertEquals("inline; filename=cat.png", ContentDisposition.of("image/png", "cat.png"));
  }

  @Test
  void htmlAndSvgAreAttachmentsSoBrowsersNeverRenderThem() {
    assertEquals("attachment; filename=x.html", ContentDisposition.of("text/html", "x.html"));
    assertEquals("attachment", ContentDisposition.of("image/svg+xml", null));
    assertEquals("attachment", ContentDisposition.of("application/octet-stream", ""));
  }

  @Test
  void parametersOfTheTypeDoNotMatterForInline() {
    assertEquals("inline", ContentDisposition.of("Text/Plain; charset=UTF-8", null));
  }

  @Test
  void namesWithSpacesOrUmlautsUseRfc5987Encoding() {
    assertEquals(
        "attachment; filename*=utf-8''Befund%20M%C3%BCller.pdf",
        ContentDisposition.of("application/pdf", "Befund Müller.pdf"));
  }

  @Test
  void quotesAndLineBreaksCannotBreakOutOfTheHeader() {
    assertEquals(
        "inline; filename*=utf-8''a%22%3B%0D%0AX-Evil%3A%201.png",
        ContentDisposition.of("image/png", "a\";\r\nX-Evil: 1.png"));
  }
}
