/**
 * The value types every KIM feature speaks (addresses, stored message blobs, the DSN envelope and
 * per-recipient outcomes, the KIM size limits): the floor below accounts, mailbox, relay and the
 * protocols, so the features form a DAG instead of one cycle.
 */
package de.timkim.kim.mail;
