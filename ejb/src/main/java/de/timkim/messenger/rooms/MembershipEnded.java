package de.timkim.messenger.rooms;

/**
 * A user left or was banned from a room, fired inside the transaction that wrote the membership
 * event: features that keep per-member state of a room (lazy-loading bookkeeping) observe it rather
 * than being called by rooms, so rooms does not depend on them.
 */
public record MembershipEnded(String userId, String roomId) {}
