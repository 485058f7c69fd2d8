/** The /room_keys endpoints of server-side key backup, mapped onto the key backup service. */
package de.timkim.api.client.keybackup;
