/** Receipt and read-marker endpoints: what a user has read, for ticks, badges and unread counts. */
package de.timkim.api.client.receipts;
