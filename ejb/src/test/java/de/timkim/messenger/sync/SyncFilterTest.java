package de.timkim.messenger.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.messenger.stream.StreamToken;
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
  void typesMatchWithWildcardsAnywhereAndNotTypesWin() {
    assertTrue(EventFilter.matches(List.of("m.room.*"), List.of(), "m.room.message"));
    assertFalse(
        EventFilter.matches(List.of("m.room.*"), List.of("m.room.message"), "m.room.message"));
    assertFalse(EventFilter.matches(List.of("m.room.message"), List.of(), "m.reaction"));
    assertTrue(EventFilter.matches(null, List.of(), "anything"));
    assertTrue(EventFilter.glob("m.*.member", "m.room.member"));
    assertFalse(EventFilter.glob("m.*.member", "m.room.message"));
    assertTrue(EventFilter.glob("*", ""));
    assertTrue(EventFilter.glob("*.typing", "m.typing"));
  }

  @Test
  void everySectionHasItsOwnEventFilter() {
    SyncFilter filter =
        SyncFilter.of(
            json(
                "{\"presence\":{\"types\":[],\"limit\":0},"
                    + "\"account_data\":{\"not_types\":[\"m.push_rules\"]},"
                    + "\"room\":{\"ephemeral\":{\"not_types\":[\"m.typing\"]},"
                    + "\"state\":{\"types\":[\"m.room.name\"],\"not_senders\":[\"@eve:hs\"]},"
                    + "\"account_data\":{\"not_rooms\":[\"!b:hs\"]},"
                    + "\"timeline\":{\"senders\":[\"@ann:hs\"],\"contains_url\":true}}}"));
    assertFalse(filter.presence().allowsType("m.presence"));
    assertEquals(0, filter.presence().limited(List.of(1, 2)).size());
    assertFalse(filter.accountData().allowsType("m.push_rules"));
    assertTrue(filter.accountData().allowsType("m.direct"));
    assertFalse(filter.ephemeral().allowsType("m.typing"));
    assertTrue(filter.ephemeral().allowsType("m.receipt"));
    assertTrue(filter.state().allows("m.room.name", "@ann:hs"));
    assertFalse(filter.state().allows("m.room.name", "@eve:hs"));
    assertFalse(filter.state().allows("m.room.topic", "@ann:hs"));
    assertFalse(filter.roomAccountData().allowsRoom("!b:hs"));
    assertTrue(filter.timeline().allows("m.room.message", "@ann:hs"));
    assertFalse(filter.timeline().allows("m.room.message", "@bob:hs"));
    assertEquals(Boolean.TRUE, filter.timeline().containsUrl());
    assertEquals(SyncFilter.DEFAULT_TIMELINE_LIMIT, filter.timelineLimit());
  }

  @Test
  void tokensRoundTripAndGarbageIsRefused() {
    assertEquals(42L, StreamToken.parse(StreamToken.of(42)));
    assertEquals(null, StreamToken.parse(null));
    org.junit.jupiter.api.Assertions.assertThrows(
        de.timkim.platform.errors.MatrixException.class, () -> StreamToken.parse("t12"));
  }
}
