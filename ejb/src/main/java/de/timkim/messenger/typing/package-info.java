/**
 * Typing notifications: who is typing in which room, kept in the database with a stream position so
 * every node's /sync sees them, ending at their timeout (Clock) or when the client stops.
 */
package de.timkim.messenger.typing;
