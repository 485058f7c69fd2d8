package de.timkim.messenger.export;

import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.ClientEvents;
import de.timkim.platform.json.Jsonp;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;

/**
 * The JSON export: {@code {"room_id", "room_name", "exported_by", "exported_at", "events": [...]}}
 * with the events in the client format of /messages (redacted ones stripped, with
 * unsigned.redacted_because), written with a streaming generator.
 */
final class JsonExportWriter implements ExportWriter {

  private final RoomExport export;
  private final JsonGenerator json;

  JsonExportWriter(RoomExport export, OutputStream out) {
    this.export = export;
    this.json = Jsonp.createGenerator(out);
  }

  @Override
  public void begin() {
    json.writeStartObject().write("room_id", export.roomId());
    if (export.roomName() != null) {
      json.write("room_name", export.roomName());
    }
    json.write("exported_by", export.requester().userId().toString())
        .write("exported_at", export.exportedAt())
        .writeStartArray("events");
  }

  @Override
  public void event(StoredEvent event) {
    json.write(ClientEvents.toClient(event, export.requester(), export.exportedAt(), true));
  }

  @Override
  public void end() {
    json.writeEnd().writeEnd().flush();
  }
}
