/**
 * Rate limits as token buckets kept in the database, so every cluster node counts the same
 * attempts; a refusal carries how long to wait (M_LIMIT_EXCEEDED with retry_after_ms).
 */
package de.timkim.platform.ratelimit;
