/**
 * Ignoring users (https://spec.matrix.org/v1.11/client-server-api/#ignoring-users): the
 * m.ignored_user_list account data decides which senders' events and invites a user is not sent.
 */
package de.timkim.messenger.ignoring;
