package de.timkim.messenger.sync;

import de.timkim.messenger.accounts.Requester;

/**
 * One /sync computation's question, shared by its sections (Synapse's {@code SyncConfig} with the
 * tokens): who asks, from which stream position, up to which, with which filter.
 *
 * @param from the since token's position, at most {@code now}; null for an initial sync
 * @param now the position the answer's next_batch names
 * @param wallClock the time the events' unsigned.age is counted to
 */
public record SyncRequest(
    Requester requester,
    Long from,
    long now,
    SyncFilter filter,
    boolean fullState,
    long wallClock) {

  public String user() {
    return requester.userId().toString();
  }

  /**
   * This request as an initial sync with full state, which is how a room joined since the token
   * comes (see {@link SyncRooms}).
   */
  public SyncRequest initialWithFullState() {
    return new SyncRequest(requester, null, now, filter, true, wallClock);
  }

  /** An incremental sync that sends only what changed in (from, now]. */
  public boolean windowed() {
    return from != null && !fullState;
  }
}
