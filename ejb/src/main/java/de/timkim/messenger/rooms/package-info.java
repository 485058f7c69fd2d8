/**
 * Rooms, split as Synapse's handlers are: creation, membership, aliases, messages, redactions and
 * state changes each a service over one event writer that takes the room's row lock; history reads
 * by what they answer (access, state, timeline) over one repository of the room's rows.
 */
package de.timkim.messenger.rooms;
