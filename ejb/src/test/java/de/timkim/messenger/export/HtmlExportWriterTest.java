package de.timkim.messenger.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.platform.errors.MatrixException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlExportWriterTest {

  @Test
  void escapesEveryCharacterThatCouldOpenMarkupOrAnAttribute() {
    assertEquals(
        "&lt;img src=x onerror=&quot;a()&quot;&gt; &amp; &#39;b&#39;",
        HtmlExportWriter.escape("<img src=x onerror=\"a()\"> & 'b'"));
  }

  @Test
  void roomNameAndDisplayNamesInTheHeaderAreEscaped() throws Exception {
    Requester alice = new Requester(UserId.parse("@alice:localhost"), "DEV");
    RoomExport export =
        new RoomExport(
            alice,
            "!r:localhost",
            ExportFormat.HTML,
            10,
            0,
            "<b>Station</b>",
            Map.of("@alice:localhost", "Dr. <i>Alice</i>"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlExportWriter writer = new HtmlExportWriter(export, out);
    writer.begin();
    writer.end();
    String page = out.toString(StandardCharsets.UTF_8);
    assertTrue(page.contains("&lt;b&gt;Station&lt;/b&gt;"), page);
    assertTrue(page.contains("Dr. &lt;i&gt;Alice&lt;/i&gt;"), page);
    assertFalse(page.contains("<b>") || page.contains("<i>"), page);
    assertEquals("chat-export-19700101-000000.html", export.fileName());
  }

  @Test
  void unknownFormatsAreRefusedAndJsonIsTheDefault() {
    assertEquals(ExportFormat.JSON, ExportFormat.parse(null));
    assertEquals(ExportFormat.HTML, ExportFormat.parse("html"));
    assertThrows(MatrixException.class, () -> ExportFormat.parse("pdf"));
  }
}
