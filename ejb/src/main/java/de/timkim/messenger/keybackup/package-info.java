/**
 * Server-side key backup
 * (https://spec.matrix.org/v1.11/client-server-api/#server-side-key-backups): versions and the
 * encrypted room keys clients store in them; the server never holds the key.
 */
package de.timkim.messenger.keybackup;
