/**
 * Rooms: creation with presets, membership (join, invite, leave, kick, ban), state, sending events,
 * the authorisation rules with power levels and join rules, aliases, history reads.
 */
package de.timkim.messenger.rooms;
