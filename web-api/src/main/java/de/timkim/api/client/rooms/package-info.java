/** Room endpoints: creation, membership, sending, state, history, aliases. */
package de.timkim.api.client.rooms;
