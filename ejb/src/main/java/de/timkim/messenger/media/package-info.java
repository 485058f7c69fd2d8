/**
 * The Matrix content repository: uploads streamed into a {@link de.timkim.platform.blobs.BlobStore}
 * with metadata in the database, authenticated downloads, cached thumbnails, reservation expiry.
 */
package de.timkim.messenger.media;
