/** Profile endpoints: display name and avatar. */
package de.timkim.api.client.profile;
