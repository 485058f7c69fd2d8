/**
 * Operator administration of KIM accounts (HTTP Basic with a portal admin account), until the
 * gematik account manager interface covers self-service registration.
 */
package de.timkim.api.kim.accounts;
