/**
 * Matrix accounts: registration with the organisation's registration token, password login,
 * devices, access and refresh tokens, user-interactive authentication. Tokens are only ever stored
 * hashed.
 */
package de.timkim.messenger.accounts;
