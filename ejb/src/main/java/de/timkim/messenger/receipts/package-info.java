/**
 * Receipts and read markers (https://spec.matrix.org/v1.11/client-server-api/#receipts,
 * #fully-read-markers): who has read up to which event, delivered as m.receipt in /sync, and where
 * unread counts start.
 */
package de.timkim.messenger.receipts;
