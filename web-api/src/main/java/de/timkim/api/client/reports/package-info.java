/** POST /rooms/{roomId}/report[/{eventId}]: users report content to their organisation's admins. */
package de.timkim.api.client.reports;
