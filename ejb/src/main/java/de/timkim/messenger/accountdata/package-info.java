/**
 * Per-user account data, global and per room (m.direct, m.ignored_user_list, m.marked_unread, ...),
 * and stored filters. Both are the client's own settings kept by the server.
 */
package de.timkim.messenger.accountdata;
