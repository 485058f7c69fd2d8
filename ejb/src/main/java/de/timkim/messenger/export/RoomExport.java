package de.timkim.messenger.export;

import de.timkim.messenger.accounts.Requester;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * An export that was allowed: who asks, which room, in which format, up to which stream position
 * (the history is frozen when it is asked for), the room's name and its members' display names.
 */
public record RoomExport(
    Requester requester,
    String roomId,
    ExportFormat format,
    long upTo,
    long exportedAt,
    String roomName,
    Map<String, String> displayNames)
    implements Serializable {

  private static final DateTimeFormatter FILE_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** An ASCII file name (no room name in it, so no quoting problems in Content-Disposition). */
  public String fileName() {
    return "chat-export-"
        + FILE_DATE.format(Instant.ofEpochMilli(exportedAt))
        + "."
        + format.extension();
  }

  public String displayName(String userId) {
    return displayNames.getOrDefault(userId, userId);
  }
}
