package de.timkim.messenger.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stream positions of one room a reader may see, as sorted, disjoint, inclusive intervals. A
 * scan reads only inside them ({@link EventStore#scan(String, RoomEventScan.Range, int, int,
 * java.util.function.Predicate, VisiblePositions)}), so history a reader may not see costs no
 * reads, however long it is.
 */
public final class VisiblePositions {

  /** Every position: a reader who may see the whole room. */
  public static final VisiblePositions ALL =
      new VisiblePositions(new long[] {Long.MIN_VALUE}, new long[] {Long.MAX_VALUE});

  /** No position at all. */
  public static final VisiblePositions NONE = new VisiblePositions(new long[0], new long[0]);

  private final long[] lows;
  private final long[] highs;

  private VisiblePositions(long[] lows, long[] highs) {
    this.lows = lows;
    this.highs = highs;
  }

  /** Collects intervals in ascending order; adjacent and overlapping ones are merged. */
  public static final class Builder {
    private final List<long[]> intervals = new ArrayList<>();

    /** Adds [low, high] (ignored when empty); must not start below the last interval added. */
    public Builder add(long low, long high) {
      if (low > high) {
        return this;
      }
      if (!intervals.isEmpty()) {
        long[] last = intervals.get(intervals.size() - 1);
        if (last[1] == Long.MAX_VALUE || low <= last[1] + 1) {
          last[1] = Math.max(last[1], high);
          return this;
        }
      }
      intervals.add(new long[] {low, high});
      return this;
    }

    public VisiblePositions build() {
      if (intervals.size() == 1
          && intervals.get(0)[0] == Long.MIN_VALUE
          && intervals.get(0)[1] == Long.MAX_VALUE) {
        return ALL;
      }
      long[] lows = new long[intervals.size()];
      long[] highs = new long[intervals.size()];
      for (int i = 0; i < lows.length; i++) {
        lows[i] = intervals.get(i)[0];
        highs[i] = intervals.get(i)[1];
      }
      return new VisiblePositions(lows, highs);
    }
  }

  /** Whether {@code position} lies in one of the intervals. */
  public boolean contains(long position) {
    int i = lastStartingAtOrBelow(position);
    return i >= 0 && position <= highs[i];
  }

  public boolean isEmpty() {
    return lows.length == 0;
  }

  /** The highest visible position at or below {@code position}, or null when there is none. */
  Long highestAtOrBelow(long position) {
    int i = lastStartingAtOrBelow(position);
    return i < 0 ? null : Math.min(position, highs[i]);
  }

  /** The lowest visible position at or above {@code position}, or null when there is none. */
  Long lowestAtOrAbove(long position) {
    int i = lastStartingAtOrBelow(position);
    if (i >= 0 && position <= highs[i]) {
      return position;
    }
    return i + 1 < lows.length ? lows[i + 1] : null;
  }

  /** The visible interval holding {@code position} as {low, high}; {@code position} must be in. */
  long[] intervalOf(long position) {
    int i = lastStartingAtOrBelow(position);
    return new long[] {lows[i], highs[i]};
  }

  private int lastStartingAtOrBelow(long position) {
    int i = Arrays.binarySearch(lows, position);
    return i >= 0 ? i : -i - 2;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < lows.length; i++) {
      out.append(i == 0 ? "" : ", ").append(lows[i]).append("..").append(highs[i]);
    }
    return out.append(']').toString();
  }
}
