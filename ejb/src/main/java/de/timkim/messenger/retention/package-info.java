/**
 * Retention: per messenger service, messages and media older than the organisation's setting (off,
 * 3, 6, 9 or 12 months) are deleted by a job that runs on one cluster node at a time.
 */
package de.timkim.messenger.retention;
