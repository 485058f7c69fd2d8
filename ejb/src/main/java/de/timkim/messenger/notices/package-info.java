/**
 * Server notices: messages from the messenger service itself (e.g. the organisation's admin writing
 * to all its users), delivered into each user's server-notices room.
 */
package de.timkim.messenger.notices;
