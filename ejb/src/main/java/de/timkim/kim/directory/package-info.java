/**
 * Which mail domains belong to KIM: the domains this Fachdienst serves. Anything else is refused,
 * because KIM never exchanges mail with the public internet.
 */
package de.timkim.kim.directory;
