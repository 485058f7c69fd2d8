package de.timkim.messenger.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncFilterTest {

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  @Test
  void timelineLimitAndRoomsComeFromTheFilter() {
    SyncFilter filter =
        SyncFilter.of(
            json(
                "{\"room\":{\"rooms\":[\"!a:hs\"],\"not_rooms\":[\"!b:hs\"],\"timeline\":{\"limit\":3},\"include_leave\":true}}"));
    assertEquals(3, filter.timelineLimit());
    assertTrue(filter.includesRoom("!a:hs"));
    assertFalse(filter.includesRoom("!c:hs"));
    assertTrue(filter.includeLeave());
  }

  @Test
  void withoutAFilterTheDefaultsApply() {
    assertEquals(SyncFilter.DEFAULT_TIMELINE_LIMIT, SyncFilter.of(null).timelineLimit());
    assertTrue(SyncFilter.of(null).includesRoom("!any:hs"));
  }

  @Test
  void absurdLimitsAreCapped() {
    assertEquals(
        500, SyncFilter.of(json("{\"room\":{\"timeline\":{\"limit\":100000}}}")).timelineLimit());
    assertEquals(
        0, SyncFilter.of(json("{\"room\":{\"timeline\":{\"limit\":-4}}}")).timelineLimit());
  }

  @Test
  void typesMatchWithTrailingWildcardsAndNotTypesWin() {
    assertTrue(SyncFilter.matches(List.of("m.room.*"), List.of(), "m.room.message"));
    assertFalse(
        SyncFilter.matches(List.of("m.room.*"), List.of("m.room.message"), "m.room.message"));
    assertFalse(SyncFilter.matches(List.of("m.room.message"), List.of(), "m.reaction"));
    assertTrue(SyncFilter.matches(null, List.of(), "anything"));
  }

  @Test
  void tokensRoundTripAndGarbageIsRefused() {
    assertEquals(42L, SyncService.parseToken(SyncService.token(42)));
    assertEquals(null, SyncService.parseToken(null));
    org.junit.jupiter.api.Assertions.assertThrows(
        de.timkim.messenger.MatrixException.class, () -> SyncService.parseToken("t12"));
  }
}
