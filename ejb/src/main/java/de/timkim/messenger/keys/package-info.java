/**
 * The homeserver's ed25519 signing keys: created once per server name, kept in the database so
 * every cluster node signs with the same key, and published signed at /_matrix/key/v2/server.
 */
package de.timkim.messenger.keys;
