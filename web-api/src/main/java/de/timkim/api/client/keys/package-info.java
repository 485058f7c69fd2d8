/**
 * The E2EE key endpoints (/keys/upload, query, claim, changes, cross-signing): parse the request,
 * call the device-key services, map the answer.
 */
package de.timkim.api.client.keys;
