package de.timkim.messenger.export;

import de.timkim.messenger.events.StoredEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The readable export: one HTML page with a line per message (time in UTC, sender's display name,
 * body) and per membership change; deleted messages say so. Everything taken from events is
 * escaped, so a message cannot inject markup or script into the file.
 */
final class HtmlExportWriter implements ExportWriter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final RoomExport export;
  private final Writer out;

  HtmlExportWriter(RoomExport export, OutputStream stream) {
    this.export = export;
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
  }

  @Override
  public void begin() throws IOException {
    String title = export.roomName() == null ? export.roomId() : export.roomName();
    out.write("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">");
    // the file may be opened from anywhere: it must not load or run anything
    out.write(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'\">");
    out.write("<title>Chat-Export: " + escape(title) + "</title>");
    out.write(
        "<style>body{font-family:sans-serif;margin:2em}.e{margin:.3em 0}"
            + ".t{color:#666;margin-right:.5em}.s{font-weight:bold;margin-right:.5em}"
            + ".n{color:#666;font-style:italic}.b{white-space:pre-wrap}</style></head><body>\n");
    out.write("<h1>" + escape(title) + "</h1>\n");
    out.write(
        "<p class=\"n\">Exportiert von "
            + escape(export.displayName(export.requester().userId().toString()))
            + " am "
            + TIME.format(Instant.ofEpochMilli(export.exportedAt()))
            + "</p>\n");
  }

  @Override
  public void event(StoredEvent event) throws IOException {
    String text = describe(event);
    if (text == null) {
      return;
    }
    out.write("<div class=\"e\"><span class=\"t\">");
    out.write(TIME.format(Instant.ofEpochMilli(event.originServerTs())));
    out.write("</span><span class=\"s\">");
    out.write(escape(export.displayName(event.sender())));
    out.write("</span>");
    out.write(text);
    out.write("</div>\n");
  }

  /** The escaped HTML of one line, or null for events a reader does not need to see. */
  private String describe(StoredEvent event) {
    if (event.redactedBy() != null && !event.isState()) {
      return "<span class=\"n\">(Nachricht gelöscht)</span>";
    }
    switch (event.type()) {
      case "m.room.message" -> {
        String body = event.content().getString("body", "");
        String msgtype = event.content().getString("msgtype", "m.text");
        String prefix = "m.emote".equals(msgtype) ? "* " : "";
        return "<span class=\"b\">" + escape(prefix + body) + "</span>";
      }
      case "m.room.member" -> {
        String membership = event.content().getString("membership", "");
        String target = escape(export.displayName(event.stateKey()));
        String what =
            switch (membership) {
              case "join" -> target + " ist dem Raum beigetreten";
              case "invite" -> target + " wurde eingeladen";
              case "leave" ->
                  event.sender().equals(event.stateKey())
                      ? target + " hat den Raum verlassen"
                      : target + " wurde entfernt";
              case "ban" -> target + " wurde gesperrt";
              default -> null;
            };
        return what == null ? null : "<span class=\"n\">" + what + "</span>";
      }
      case "m.room.name" -> {
        return "<span class=\"n\">Raumname: "
            + escape(event.content().getString("name", ""))
            + "</span>";
      }
      case "m.room.topic" -> {
        return "<span class=\"n\">Thema: "
            + escape(event.content().getString("topic", ""))
            + "</span>";
      }
      default -> {
        return null;
      }
    }
  }

  @Override
  public void end() throws IOException {
    out.write("</body></html>\n");
    out.flush();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
