/**
 * Server-side message search (POST /search) over the unencrypted rooms a user is in; encrypted
 * rooms are searched by the clients, which hold the keys.
 */
package de.timkim.messenger.search;
