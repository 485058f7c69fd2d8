package de.timkim.platform.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where large bodies live (media uploads, KIM mails), streamed in and out, never held in memory.
 * Keys are relative names of {@code [A-Za-z0-9._-]} segments joined by {@code /}. Every cluster
 * node must see the same store: the file system implementation on a shared volume (NFS), or an
 * object store implementing this interface.
 */
public interface BlobStore {

  /**
   * Stores everything {@code content} yields under {@code key}. Readers see either nothing or the
   * complete blob; when the stream fails (too large, client gone), nothing is left behind and the
   * stream's exception is rethrown.
   */
  void write(String key, InputStream content) throws IOException;

  /** The blob's bytes from {@code offset} on; {@link java.nio.file.NoSuchFileException} if none. */
  InputStream read(String key, long offset) throws IOException;

  /** The blob's length, or empty when there is no blob under {@code key}. */
  OptionalLong size(String key) throws IOException;

  void delete(String key) throws IOException;

  /**
   * Removes half-written temporaries older than {@code age}, left by nodes that died mid-upload.
   */
  int purgeAbandoned(Duration age) throws IOException;
}
