/** GET/PUT /presence/{userId}/status: a user's online state and status message. */
package de.timkim.api.client.presence;
