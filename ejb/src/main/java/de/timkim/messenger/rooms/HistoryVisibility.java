package de.timkim.messenger.rooms;

import de.timkim.messenger.events.Membership;
import de.timkim.messenger.events.VisiblePositions;
import java.util.List;

/**
 * Which events of one room one user may see, by the spec's history visibility algorithm
 * (https://spec.matrix.org/v1.11/client-server-api/#history-visibility), evaluated per event with
 * the m.room.history_visibility and the user's membership in force at that event:
 *
 * <ol>
 *   <li>{@code world_readable}: visible;
 *   <li>the user's membership was {@code join}: visible;
 *   <li>{@code shared} and the user joined at some point after the event: visible;
 *   <li>{@code invited} and the user's membership was {@code invite}: visible;
 *   <li>otherwise not.
 * </ol>
 *
 * Both inputs change only at the room's m.room.history_visibility events and the user's own member
 * events, so between two such changes visibility is constant: it is computed once from those
 * changes as intervals of stream positions ({@link #positions()}), and a read path checks each
 * event by position, or scans only inside the intervals. The change events themselves follow
 * Synapse ({@code synapse/visibility.py}): a history_visibility change is judged by the more
 * permissive of its old and new value, the user's own member event by the "more joined" of the old
 * and new membership, and a leave from join or invite stays visible to the one leaving.
 */
public final class HistoryVisibility {

  /** m.room.history_visibility values, most permissive first. */
  private static final List<String> PERMISSIVENESS =
      List.of("world_readable", "shared", "invited", "joined");

  /** Memberships, "most joined" first (Synapse's MEMBERSHIP_PRIORITY). */
  private static final List<String> MEMBERSHIP_PRIORITY =
      List.of(
          Membership.JOIN, Membership.INVITE, Membership.KNOCK, Membership.LEAVE, Membership.BAN);

  /** The spec: "shared" applies when a room has no m.room.history_visibility. */
  static final String DEFAULT = "shared";

  /**
   * One input change: a history_visibility event ({@code member} false, {@code value} its
   * history_visibility) or one of the user's member events ({@code member} true, {@code value} the
   * membership).
   */
  public record Change(long position, boolean member, String value) {}

  private final VisiblePositions positions;
  private final boolean everJoined;

  private HistoryVisibility(VisiblePositions positions, boolean everJoined) {
    this.positions = positions;
    this.everJoined = everJoined;
  }

  /** From the room's history_visibility changes and the user's member events, oldest first. */
  public static HistoryVisibility of(List<Change> changes) {
    long lastJoin = Long.MIN_VALUE;
    for (Change change : changes) {
      if (change.member() && Membership.JOIN.equals(change.value())) {
        lastJoin = change.position();
      }
    }
    VisiblePositions.Builder visible = new VisiblePositions.Builder();
    String history = DEFAULT;
    String membership = null;
    long segmentStart = Long.MIN_VALUE;
    for (Change change : changes) {
      long at = change.position();
      // the events between the previous change and this one
      if (at > segmentStart && visible(history, membership, lastJoin, at - 1)) {
        visible.add(segmentStart, at - 1);
      }
      boolean shown;
      if (change.member()) {
        String before = known(membership);
        String after = known(change.value());
        shown =
            Membership.LEAVE.equals(after)
                    && (Membership.JOIN.equals(before) || Membership.INVITE.equals(before))
                || visible(history, moreJoined(before, after), lastJoin, at);
        membership = change.value();
      } else {
        String after = normalised(change.value());
        shown = visible(morePermissive(history, after), membership, lastJoin, at);
        history = after;
      }
      if (shown) {
        visible.add(at, at);
      }
      segmentStart = at + 1;
    }
    if (visible(history, membership, lastJoin, Long.MAX_VALUE)) {
      visible.add(segmentStart, Long.MAX_VALUE);
    }
    return new HistoryVisibility(visible.build(), lastJoin != Long.MIN_VALUE);
  }

  /**
   * Whether an event that is none of the changes, at {@code position} with these inputs in force,
   * is visible. "Joined after" is constant over a segment: the segment ends before the next change,
   * and a later join is a change.
   */
  private static boolean visible(String history, String membership, long lastJoin, long position) {
    return "world_readable".equals(history)
        || Membership.JOIN.equals(membership)
        || "shared".equals(history) && lastJoin > position
        || "invited".equals(history) && Membership.INVITE.equals(membership);
  }

  private static String known(String membership) {
    return membership != null && MEMBERSHIP_PRIORITY.contains(membership)
        ? membership
        : Membership.LEAVE;
  }

  private static String moreJoined(String a, String b) {
    return MEMBERSHIP_PRIORITY.indexOf(a) <= MEMBERSHIP_PRIORITY.indexOf(b) ? a : b;
  }

  /** An unknown value counts as the most restrictive one: nobody is shown more than intended. */
  private static String normalised(String history) {
    return history != null && PERMISSIVENESS.contains(history) ? history : "joined";
  }

  private static String morePermissive(String a, String b) {
    return PERMISSIVENESS.indexOf(a) <= PERMISSIVENESS.indexOf(b) ? a : b;
  }

  /** Whether the event at {@code position} is visible. */
  public boolean shows(long position) {
    return positions.contains(position);
  }

  /** The visible positions, for scans that read only those. */
  public VisiblePositions positions() {
    return positions;
  }

  /** Whether the user's membership was ever join: who never joined reads no history at all. */
  public boolean everJoined() {
    return everJoined;
  }

  @Override
  public String toString() {
    return positions.toString();
  }
}
