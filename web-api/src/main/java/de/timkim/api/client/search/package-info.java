/** POST /search over the unencrypted rooms a user is in. */
package de.timkim.api.client.search;
