package de.timkim.messenger.media;

import de.timkim.platform.blobs.BlobStore;
import de.timkim.platform.blobs.FileSystemBlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The media repository's blob store: {@code tim.media.store-path}, by default {@code
 * <jboss.server.data.dir>/tim/media}. Every node of a cluster must point it at the same shared
 * volume (docs/media.md).
 */
@ApplicationScoped
class MediaBlobStore {

  @Inject
  @ConfigProperty(name = "tim.media.store-path")
  Optional<String> configured;

  @Produces
  @ApplicationScoped
  BlobStore mediaStore() {
    Path root =
        configured
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElseGet(
                () -> Path.of(System.getProperty("jboss.server.data.dir", "."), "tim", "media"));
    return FileSystemBlobStore.open(root, "Media store");
  }
}
