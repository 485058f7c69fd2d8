/** Publishing this homeserver's signing keys to other servers. */
package de.timkim.api.federation.keys;
