/**
 * Operator administration of KIM accounts and registration codes (HTTP Basic with a portal admin
 * account); institutions register themselves with the codes through {@code api.kim.accountmanager}.
 */
package de.timkim.api.kim.accounts;
