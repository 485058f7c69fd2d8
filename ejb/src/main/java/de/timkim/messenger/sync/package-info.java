/**
 * /sync: what changed for a user since a token, and the cluster-wide wake-up of waiting long polls
 * when any node commits new events (the database's stream position is the shared truth).
 */
package de.timkim.messenger.sync;
