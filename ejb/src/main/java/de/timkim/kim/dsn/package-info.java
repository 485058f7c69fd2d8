/**
 * Delivery status notifications (RFC 3461/3464): what the sender asked to be told, and the
 * multipart/report the Fachdienst puts into the sender's mailbox when a delivery succeeds or fails.
 */
package de.timkim.kim.dsn;
