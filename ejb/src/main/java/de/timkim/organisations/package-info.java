/**
 * Organisations and their messenger services (one Matrix server name each, a sub-domain of the
 * configured base domain); the operator's organisation holds the configured fixed names.
 */
package de.timkim.organisations;
