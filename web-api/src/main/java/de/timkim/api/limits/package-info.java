/**
 * Limits every request must keep before a resource sees it: the size of request bodies (large ones
 * only on the media upload paths).
 */
package de.timkim.api.limits;
