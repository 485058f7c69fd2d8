/**
 * What an organisation publishes in the TI directory (VZD FHIR): departments with contact data and
 * which of its users are findable. Stored here; the push to the VZD is not built yet.
 */
package de.timkim.organisations.directory;
