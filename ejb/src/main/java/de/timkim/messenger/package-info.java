/**
 * The TI-Messenger homeserver: Matrix Client-Server and Server-Server rules. The one protocol error
 * type {@link de.timkim.platform.errors.MatrixException} is mapped to the wire in web-api.
 */
package de.timkim.messenger;
