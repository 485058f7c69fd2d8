/** The sessions page: a user's logged-in devices, and logging them out. */
package de.timkim.admin.sessions;
