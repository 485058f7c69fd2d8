/** /sync, filters and account data endpoints; SyncResponseJson writes a SyncResult's JSON. */
package de.timkim.api.client.sync;
