package de.timkim.messenger.sync;

import de.timkim.messenger.events.Membership;
import java.util.List;

/**
 * A joined room's {@code summary} in /sync
 * (https://spec.matrix.org/v1.11/client-server-api/#get_matrixclientv3sync, RoomSummary): the
 * heroes a client names an unnamed room after and the joined and invited member counts. A client
 * that lazy-loads members cannot count them itself, so the spec requires the summary then.
 *
 * @param heroes the first {@link #HEROES} joined or invited members by stream ordering other than
 *     the user; when there are none, the first who left or were banned. Only for a room without a
 *     name or canonical alias, as Synapse does: the spec requires them only then, and with
 *     lazy-loading each hero's member event must come along in the state.
 */
public record RoomSummary(List<String> heroes, int joined, int invited) {

  static final int HEROES = 5;

  /** One m.room.member state entry of the room. */
  public record Member(String userId, String membership) {}

  /**
   * The summary for {@code self} of a room whose current members are {@code members}, oldest
   * membership first; {@code named}: the room has a non-empty name or canonical alias.
   */
  public static RoomSummary of(List<Member> members, String self, boolean named) {
    int joined = 0;
    int invited = 0;
    for (Member member : members) {
      if (Membership.JOIN.equals(member.membership())) {
        joined++;
      } else if (Membership.INVITE.equals(member.membership())) {
        invited++;
      }
    }
    if (named) {
      return new RoomSummary(List.of(), joined, invited);
    }
    List<String> heroes = heroes(members, self, List.of(Membership.JOIN, Membership.INVITE));
    if (heroes.isEmpty()) {
      heroes = heroes(members, self, List.of(Membership.LEAVE, Membership.BAN));
    }
    return new RoomSummary(heroes, joined, invited);
  }

  private static List<String> heroes(List<Member> members, String self, List<String> kinds) {
    return members.stream()
        .filter(m -> !m.userId().equals(self) && kinds.contains(m.membership()))
        .map(Member::userId)
        .limit(HEROES)
        .toList();
  }
}
