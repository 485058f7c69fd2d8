/**
 * Matrix events as stored and exchanged between servers (PDUs): their hashes, signatures and
 * reference-hash event IDs, the redaction algorithm of each room version, and the event table.
 */
package de.timkim.messenger.events;
