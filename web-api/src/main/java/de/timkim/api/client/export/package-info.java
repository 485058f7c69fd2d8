/** GET /_tim/v1/rooms/{roomId}/export: a member downloads an unencrypted room's history (TI-M). */
package de.timkim.api.client.export;
