package de.timkim.messenger.export;

import de.timkim.messenger.events.StoredEvent;
import java.io.IOException;

/** Writes one export file event by event, so nothing but the current event is held. */
interface ExportWriter {

  void begin() throws IOException;

  void event(StoredEvent event) throws IOException;

  void end() throws IOException;
}
