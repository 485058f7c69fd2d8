package de.timkim.kim.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.DsnRecipient;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.Notify;
import de.timkim.kim.mail.StoredBlob;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuedRelayTest {

  @Test
  void reportFromTheNullSenderKeepsNoSenderAndAsksForNoReport() {
    KimAddress recipient = KimAddress.parse("praxis@fern.kim.test");
    QueuedRelay entry =
        new QueuedRelay(
            "id",
            null,
            new StoredBlob("kim/abc", 10),
            new RelayRoutes.Route("127.0.0.1", 465),
            List.of(new DsnRecipient(recipient, EnumSet.noneOf(Notify.class), null)),
            DsnEnvelope.NONE,
            0);
    assertNull(entry.sender());
    DsnRecipient stored = entry.recipients().get(0);
    assertEquals(recipient, stored.address());
    assertTrue(stored.conditions().isEmpty(), "NOTIFY=NEVER");
  }
}
