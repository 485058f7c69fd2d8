/** Registration, login, logout, tokens, account and device endpoints of the Client-Server API. */
package de.timkim.api.client.accounts;
