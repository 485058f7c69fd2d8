/**
 * The content repository's HTTP edge: uploads under /_matrix/media, authenticated downloads and
 * thumbnails under /_matrix/client/v1/media, and the headers that make serving user files safe.
 */
package de.timkim.api.client.media;
