/**
 * Presence: online, unavailable or offline with a status message, set by the client or implied by
 * its /sync, shown to users who share a room, offline after a while without a sync.
 */
package de.timkim.messenger.presence;
