package de.timkim.messenger.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.messenger.rooms.HistoryVisibility.Change;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The spec's history visibility algorithm over a room's positions 1..20. */
class HistoryVisibilityTest {

  private static Change history(long at, String value) {
    return new Change(at, false, value);
  }

  private static Change member(long at, String membership) {
    return new Change(at, true, membership);
  }

  private static List<Long> visible(HistoryVisibility visibility) {
    return LongStream.rangeClosed(1, 20).filter(visibility::shows).boxed().toList();
  }

  @Test
  void joinedHidesWhatCameBeforeTheJoinButNotTheRoomsFirstEvents() {
    // 1 create, 2 history_visibility joined (itself judged as the more permissive "shared"),
    // 10 the user joins
    HistoryVisibility v = HistoryVisibility.of(List.of(history(2, "joined"), member(10, "join")));
    assertEquals(
        List.of(1L, 2L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), visible(v));
    assertTrue(v.everJoined());
  }

  @Test
  void invitedShowsFromTheInviteOn() {
    HistoryVisibility v =
        HistoryVisibility.of(
            List.of(history(2, "invited"), member(6, "invite"), member(9, "join")));
    assertFalse(v.shows(5));
    assertTrue(v.shows(6));
    assertTrue(v.shows(7));
    assertTrue(v.shows(20));
  }

  @Test
  void sharedShowsEverythingUpToTheLeave() {
    HistoryVisibility v =
        HistoryVisibility.of(List.of(history(2, "shared"), member(8, "join"), member(12, "leave")));
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L),
        visible(v),
        "the own leave stays visible, nothing after it");
  }

  @Test
  void aRejectedInviteShowsNothingButTheInviteAndTheRejection() {
    HistoryVisibility v =
        HistoryVisibility.of(
            List.of(history(2, "shared"), member(8, "invite"), member(12, "leave")));
    assertEquals(List.of(12L), visible(v));
    assertFalse(v.everJoined());
  }

  @Test
  void aPreemptiveBanShowsNothing() {
    HistoryVisibility v = HistoryVisibility.of(List.of(history(2, "shared"), member(8, "ban")));
    assertEquals(List.of(), visible(v));
    assertFalse(v.everJoined());
  }

  @Test
  void worldReadableShowsEverythingFromItsSettingOn() {
    HistoryVisibility v = HistoryVisibility.of(List.of(history(2, "world_readable")));
    assertEquals(LongStream.rangeClosed(2, 20).boxed().toList(), visible(v));
  }

  @Test
  void aMemberWhoRejoinsDoesNotSeeWhatWasSaidWhileAwayInAJoinedRoom() {
    HistoryVisibility v =
        HistoryVisibility.of(
            List.of(
                history(2, "joined"), member(3, "join"), member(6, "leave"), member(12, "join")));
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L, 6L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L), visible(v));
  }

  @Test
  void anUnknownValueCountsAsJoined() {
    HistoryVisibility v = HistoryVisibility.of(List.of(history(2, "whatever"), member(10, "join")));
    assertFalse(v.shows(5));
    assertTrue(v.shows(10));
  }
}
