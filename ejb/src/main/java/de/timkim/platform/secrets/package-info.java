/**
 * Secrets the database holds (the server's signing seed, the portal accounts' TOTP secrets),
 * encrypted under a key kept in a file outside the database (security review, finding 17).
 */
package de.timkim.platform.secrets;
