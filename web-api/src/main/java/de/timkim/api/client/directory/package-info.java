/** The user directory search and the public room list. */
package de.timkim.api.client.directory;
