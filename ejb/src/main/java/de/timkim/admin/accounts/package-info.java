/**
 * Accounts of the people who sign in to the Org-Admin portal, and how they authenticate. The first
 * account is created at first start with a password written to the data directory.
 */
package de.timkim.admin.accounts;
