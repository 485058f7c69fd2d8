package de.timkim.messenger.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RoomEventScanTest {

  /**
   * A room whose events sit at positions 1..count; even positions are topics, odd ones messages.
   */
  private static List<StoredEvent> room(int count) {
    return LongStream.rangeClosed(1, count)
        .mapToObj(
            p ->
                new StoredEvent(
                    p,
                    "$" + p,
                    Json.createObjectBuilder()
                        .add("room_id", "!r:hs")
                        .add("type", p % 2 == 0 ? "m.room.topic" : "m.room.message")
                        .add("sender", "@a:hs")
                        .add("origin_server_ts", p)
                        .add("depth", p)
                        .add("content", Json.createObjectBuilder())
                        .build(),
                    null,
                    null))
        .toList();
  }

  /** Pages as EventStore reads them, counting the reads. */
  private static final class Pages implements RoomEventScan.Pages {
    final List<StoredEvent> room;
    final boolean backwards;
    int reads;

    Pages(List<StoredEvent> room, boolean backwards) {
      this.room = room;
      this.backwards = backwards;
    }

    @Override
    public List<StoredEvent> read(long cursor, long bound, int limit) {
      reads++;
      List<StoredEvent> out = new ArrayList<>();
      room.stream()
          .filter(
              e ->
                  backwards
                      ? e.streamOrdering() > bound && e.streamOrdering() <= cursor
                      : e.streamOrdering() > cursor && e.streamOrdering() <= bound)
          .sorted(
              backwards
                  ? Comparator.comparingLong(StoredEvent::streamOrdering).reversed()
                  : Comparator.comparingLong(StoredEvent::streamOrdering))
          .limit(limit)
          .forEach(out::add);
      return out;
    }
  }

  private static final Predicate<StoredEvent> MESSAGES = e -> "m.room.message".equals(e.type());

  private static List<Long> positions(RoomEventScan.Result result) {
    return result.events().stream().map(StoredEvent::streamOrdering).toList();
  }

  @Test
  void hiddenEventsDoNotCountTowardsTheLimitAndAFullResultWithMoreLeftIsTruncated() {
    RoomEventScan.Result result =
        RoomEventScan.scan(
            new Pages(room(20), true),
            RoomEventScan.Range.backwards(20, 0),
            3,
            Integer.MAX_VALUE,
            MESSAGES);
    assertEquals(List.of(19L, 17L, 15L), positions(result));
    assertTrue(result.truncated());
    assertTrue(result.hidden());
    // the token just below the last event read: a next page goes on from there
    assertEquals(14, result.cursor());
  }

  @Test
  void aResultThatTakesTheLastEventsOfTheRangeIsNotTruncated() {
    RoomEventScan.Result result =
        RoomEventScan.scan(
            new Pages(room(6), true),
            RoomEventScan.Range.backwards(6, 2),
            2,
            Integer.MAX_VALUE,
            MESSAGES);
    assertEquals(List.of(5L, 3L), positions(result));
    assertFalse(result.truncated());
  }

  @Test
  void theReadCapStopsASparseFilterWithATokenWhereItStopped() {
    Pages pages = new Pages(room(200), true);
    RoomEventScan.Result result =
        RoomEventScan.scan(pages, RoomEventScan.Range.backwards(200, 0), 5, 120, e -> false);
    assertEquals(List.of(), positions(result));
    assertTrue(result.truncated());
    assertEquals(80, result.cursor());
    // the first page is sized to the limit (6), the later ones 50: 6 + 50 + 50 + 14 read
    assertEquals(4, pages.reads);
  }

  @Test
  void forwardsReadsOldestFirstUpToTheCeiling() {
    RoomEventScan.Result result =
        RoomEventScan.scan(
            new Pages(room(10), false),
            RoomEventScan.Range.forwards(2, 8),
            10,
            Integer.MAX_VALUE,
            MESSAGES);
    assertEquals(List.of(3L, 5L, 7L), positions(result));
    assertFalse(result.truncated());
    assertEquals(8, result.cursor());
    assertFalse(RoomEventScan.Range.forwards(2, 8).remainsAfter(result.cursor()));
  }
}
