/**
 * KIM's HTTP interfaces: the operator's account administration and gematik's account manager for
 * institutions.
 */
package de.timkim.api.kim;
