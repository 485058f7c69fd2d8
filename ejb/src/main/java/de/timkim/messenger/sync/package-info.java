/**
 * /sync: what changed for a user since a token, computed section by section into a typed {@link
 * de.timkim.messenger.sync.SyncResult} (web-api writes its JSON, as Synapse's handler and servlet
 * split it), and the long poll that waits on the cluster-wide wake-up when nothing changed.
 */
package de.timkim.messenger.sync;
