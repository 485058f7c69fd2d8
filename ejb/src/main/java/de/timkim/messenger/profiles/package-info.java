/**
 * Display names and avatars: a user's profile and its propagation into the rooms they are joined
 * to. Its own package because it sits above both accounts (whose user it edits) and rooms (where a
 * change becomes member events), which keeps accounts free of rooms.
 */
package de.timkim.messenger.profiles;
