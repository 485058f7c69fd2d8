package de.timkim.messenger.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.messenger.devicekeys.DeviceKeyService;
import de.timkim.messenger.devicekeys.DeviceLists;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncResultTest {

  private static final DeviceKeyService.KeyCounts KEYS =
      new DeviceKeyService.KeyCounts(Map.of("signed_curve25519", 5L), List.of("signed_curve25519"));

  @Test
  void keyCountsAloneAreNoNewsSoALongPollWaitsOn() {
    assertFalse(
        new SyncResult(
                3,
                false,
                SyncResult.Rooms.NONE,
                List.of(),
                List.of(),
                List.of(),
                new DeviceLists.Changes(Set.of(), Set.of()),
                KEYS)
            .hasUpdates());
  }

  @Test
  void anInvitationOrADeviceListChangeIsNews() {
    SyncResult.Rooms invited =
        new SyncResult.Rooms(
            Map.of(), Map.of("!r:hs", new SyncResult.InvitedRoom(List.of())), Map.of(), Map.of());
    assertTrue(
        new SyncResult(
                3,
                false,
                invited,
                List.of(),
                List.of(),
                List.of(),
                new DeviceLists.Changes(Set.of(), Set.of()),
                KEYS)
            .hasUpdates());
    assertTrue(
        new SyncResult(
                3,
                false,
                SyncResult.Rooms.NONE,
                List.of(),
                List.of(),
                List.of(),
                new DeviceLists.Changes(Set.of(), Set.of("@gone:hs")),
                KEYS)
            .hasUpdates());
  }
}
