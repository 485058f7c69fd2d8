package de.timkim.kim.delivery;

import java.util.List;

/**
 * What became of an accepted message at once.
 *
 * @param mailboxUids the UIDs of the copies put into mailboxes here, in recipient order
 * @param queuedForRelay whether recipients at other Fachdienste wait in the relay queue
 */
public record Dispatched(List<String> mailboxUids, boolean queuedForRelay) {}
