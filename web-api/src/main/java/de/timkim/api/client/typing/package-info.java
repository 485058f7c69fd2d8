/** PUT /rooms/{roomId}/typing/{userId}: clients say that their user is typing or stopped. */
package de.timkim.api.client.typing;
