/**
 * KIM accounts of this Fachdienst: one per KIM address, with password, state (active, locked,
 * deregistered) and the rate-limited authentication SMTP AUTH and POP3 PASS use.
 */
package de.timkim.kim.accounts;
