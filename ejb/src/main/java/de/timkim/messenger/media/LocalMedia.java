package de.timkim.messenger.media;

import de.timkim.messenger.ServerNames;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Media of any server name this deployment serves is local; others are remote. */
@ApplicationScoped
class LocalMedia {

  @Inject ServerNames serverNames;

  /** The mxc:// URI of local media, else M_NOT_FOUND. */
  MxcUri uri(String serverName, String mediaId) {
    MxcUri uri = new MxcUri(serverName, mediaId);
    if (!serverNames.isServed(serverName)) {
      // federation comes later: until then remote media is simply not found
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Remote media is not available");
    }
    return uri;
  }
}
