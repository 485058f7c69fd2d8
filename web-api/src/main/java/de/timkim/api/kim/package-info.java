/** KIM's HTTP interfaces: account administration of the Fachdienst. */
package de.timkim.api.kim;
