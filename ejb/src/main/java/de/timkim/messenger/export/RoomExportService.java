package de.timkim.messenger.export;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.messenger.rooms.RoomStateReads;
import de.timkim.messenger.rooms.RoomTimeline;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports the history of an unencrypted room that the requester can see (TI-M chat export). The
 * history is read through {@link RoomTimeline#messages} page by page, so visibility and ignored
 * users apply exactly as for /messages, and each page is its own short transaction whose events are
 * written out and dropped: a big room never sits in memory or in one transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoomExportService {

  static final int PAGE = 500;

  @Inject private RoomRepository rooms;

  @Inject private RoomStateReads stateReads;

  @Inject private RoomTimeline timeline;

  @Inject private EventStore events;

  @Inject private Clock clock;

  /**
   * Checks that the requester may export the room (joined member, room not encrypted, known format)
   * and fixes what the export will hold. Called before the response starts, so refusals are Matrix
   * errors and not a broken download.
   */
  public RoomExport prepare(Requester requester, String roomId, String format) {
    ExportFormat chosen = ExportFormat.parse(format);
    if (!"join".equals(rooms.membership(roomId, requester.userId()).orElse(null))) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You are not joined to this room");
    }
    List<StoredEvent> state = stateReads.currentState(requester, roomId);
    String roomName = null;
    Map<String, String> names = new HashMap<>();
    for (StoredEvent event : state) {
      switch (event.type()) {
        case "m.room.encryption" ->
            throw new MatrixException(
                ErrorCode.M_FORBIDDEN,
                "This room is end-to-end encrypted: the server cannot read its messages. Export it"
                    + " in your client, which decrypts the history from /messages with its keys.");
        case "m.room.name" -> roomName = event.content().getString("name", null);
        case "m.room.member" -> {
          String name = event.content().getString("displayname", null);
          if (name != null && !name.isBlank()) {
            names.put(event.stateKey(), name);
          }
        }
        default -> {}
      }
    }
    return new RoomExport(
        requester,
        roomId,
        chosen,
        events.currentPosition(),
        clock.millis(),
        roomName,
        Map.copyOf(names));
  }

  /** Writes the export to {@code out}, oldest event first. */
  public void write(RoomExport export, OutputStream out) throws IOException {
    ExportWriter writer =
        export.format() == ExportFormat.HTML
            ? new HtmlExportWriter(export, out)
            : new JsonExportWriter(export, out);
    writer.begin();
    Long from = 0L;
    while (from != null) {
      RoomTimeline.Page page =
          timeline.messages(
              export.requester(),
              export.roomId(),
              from,
              false,
              export.upTo(),
              PAGE,
              e -> true,
              false);
      for (StoredEvent event : page.chunk()) {
        writer.event(event);
      }
      from = page.end();
    }
    writer.end();
  }
}
