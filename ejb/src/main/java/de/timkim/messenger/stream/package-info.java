/**
 * The event stream below every messenger feature: stream positions, the token format and the
 * cluster-wide "stream moved" notifier that wakes waiting /sync requests. Features call {@link
 * de.timkim.messenger.stream.WakeAfterCommit} after writing; nothing here imports a feature (as
 * Synapse's notifier sits under its handlers), so sync may import the features without a cycle.
 */
package de.timkim.messenger.stream;
