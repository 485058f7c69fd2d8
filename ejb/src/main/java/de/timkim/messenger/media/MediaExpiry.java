package de.timkim.messenger.media;

import de.timkim.platform.blobs.BlobStore;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 15 minutes: forgets mxc:// URIs from /create whose content never arrived, and removes
 * half-written upload files older than a day (their node died mid-upload). Runs on every node; both
 * steps are idempotent, so no cluster-wide singleton is needed.
 */
@Singleton
public class MediaExpiry {

  private static final Logger LOG = Logger.getLogger(MediaExpiry.class.getName());

  @Inject MediaRepository repository;

  @Inject BlobStore store;

  @Inject Clock clock;

  @Schedule(hour = "*", minute = "*/15", persistent = false)
  void expire() {
    int reservations = repository.deleteExpiredReservations(clock.millis());
    int temporaries = 0;
    try {
      temporaries = store.purgeAbandoned(Duration.ofDays(1));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not purge abandoned media uploads", e);
    }
    if (reservations + temporaries > 0) {
      LOG.info(
          "Removed "
              + reservations
              + " expired media reservations, "
              + temporaries
              + " temporaries");
    }
  }
}
