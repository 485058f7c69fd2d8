/**
 * Chat export (TI-M): the history a member can see of an unencrypted room as a JSON or HTML file,
 * streamed page by page; encrypted rooms are exported by clients, which hold the keys.
 */
package de.timkim.messenger.export;
