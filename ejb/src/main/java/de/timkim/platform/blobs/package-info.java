/**
 * Blob storage shared by the features that keep large bodies (media, KIM mail): streamed writes
 * that are atomic under their key, a layout every cluster node sees on a shared volume.
 */
package de.timkim.platform.blobs;
