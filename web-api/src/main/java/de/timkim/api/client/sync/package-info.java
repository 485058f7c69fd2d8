/** /sync, filters and account data endpoints. */
package de.timkim.api.client.sync;
