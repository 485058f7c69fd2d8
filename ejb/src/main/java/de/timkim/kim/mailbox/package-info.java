/**
 * Durable mailboxes: accepted messages streamed to the mail store (fsynced before the database row
 * commits, so a 250 survives a crash), one row per recipient, removed by POP3 DELE + QUIT.
 */
package de.timkim.kim.mailbox;
