/**
 * Which mail domains belong to KIM (the domains this Fachdienst serves; KIM never exchanges mail
 * with the public internet) and which encryption certificates belong to a KIM address.
 */
package de.timkim.kim.directory;
