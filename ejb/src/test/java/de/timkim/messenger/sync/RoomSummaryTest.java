package de.timkim.messenger.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.messenger.sync.RoomSummary.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomSummaryTest {

  @Test
  void heroesAreTheFirstFiveJoinedOrInvitedOthersAndTheCountsIncludeTheUser() {
    RoomSummary summary =
        RoomSummary.of(
            List.of(
                new Member("@me:hs", "join"),
                new Member("@a:hs", "join"),
                new Member("@gone:hs", "leave"),
                new Member("@b:hs", "invite"),
                new Member("@c:hs", "join"),
                new Member("@d:hs", "join"),
                new Member("@e:hs", "join"),
                new Member("@f:hs", "join"),
                new Member("@banned:hs", "ban")),
            "@me:hs",
            false);
    assertEquals(List.of("@a:hs", "@b:hs", "@c:hs", "@d:hs", "@e:hs"), summary.heroes());
    assertEquals(6, summary.joined());
    assertEquals(1, summary.invited());
  }

  @Test
  void withNobodyElseJoinedOrInvitedTheHeroesAreThoseWhoLeftOrWereBanned() {
    RoomSummary summary =
        RoomSummary.of(
            List.of(
                new Member("@me:hs", "join"),
                new Member("@left:hs", "leave"),
                new Member("@banned:hs", "ban")),
            "@me:hs",
            false);
    assertEquals(List.of("@left:hs", "@banned:hs"), summary.heroes());
    assertEquals(1, summary.joined());
    assertEquals(0, summary.invited());
  }

  @Test
  void aNamedRoomNeedsNoHeroesButStillItsCounts() {
    RoomSummary summary =
        RoomSummary.of(
            List.of(new Member("@me:hs", "join"), new Member("@a:hs", "invite")), "@me:hs", true);
    assertEquals(List.of(), summary.heroes());
    assertEquals(1, summary.joined());
    assertEquals(1, summary.invited());
    // its JSON (without m.heroes) is SyncResponseJsonTest's
  }
}
