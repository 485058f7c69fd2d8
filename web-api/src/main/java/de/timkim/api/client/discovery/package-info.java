/** Server discovery: which spec versions this homeserver speaks and where clients find it. */
package de.timkim.api.client.discovery;
