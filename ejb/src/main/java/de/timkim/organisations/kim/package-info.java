/**
 * The KIM addresses the operator assigned to an organisation, and their registration state as the
 * KIM account service has it.
 */
package de.timkim.organisations.kim;
