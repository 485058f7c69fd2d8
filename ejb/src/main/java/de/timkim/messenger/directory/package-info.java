/**
 * Finding people and rooms: the user directory (own organisation plus people one shares a room
 * with) and the public room list of a messenger service.
 */
package de.timkim.messenger.directory;
