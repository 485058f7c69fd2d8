package de.timkim.messenger.media;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a user may store more: the per-user upload rate limit and the storage quota. A disk
 * shared by a whole practice or clinic must not be filled by one account.
 */
@ApplicationScoped
class MediaQuota {

  private static final Logger LOG = Logger.getLogger(MediaQuota.class.getName());

  @Inject MediaRepository repository;

  @Inject RateLimiter rateLimiter;

  /** 110 MB, defined as 110 × 1024 × 1024 bytes. */
  @Inject
  @ConfigProperty(name = "tim.media.max-upload-bytes", defaultValue = "115343360")
  long maxUploadBytes;

  /** What one user may keep stored in total (10 GiB; 0 = unlimited). */
  @Inject
  @ConfigProperty(name = "tim.media.quota-bytes-per-user", defaultValue = "10737418240")
  long quotaBytesPerUser;

  /**
   * The per-user upload rate limit and, when the client declared the length, the quota: both refuse
   * before any byte is stored.
   */
  void admitUpload(String uploader, Long declaredLength) {
    rateLimiter.spend(RateLimit.UPLOADS_PER_USER, uploader);
    if (declaredLength != null && declaredLength > maxUploadBytes) {
      // a file over the per-file limit is M_TOO_LARGE (receive refuses it), whatever the quota
      return;
    }
    requireWithinQuota(uploader, declaredLength == null ? 0 : declaredLength);
  }

  /**
   * Synapse answers its media_upload_limits with 400 M_RESOURCE_LIMIT_EXCEEDED "Media upload limit
   * exceeded" (media_repository.py); TIM-KIM answers the same so clients handle both alike. Two
   * concurrent uploads may both pass: the quota is exceeded by at most one upload then.
   */
  void requireWithinQuota(String uploader, long adding) {
    if (quotaBytesPerUser <= 0) {
      return;
    }
    if (repository.storedBytes(uploader) + adding > quotaBytesPerUser) {
      LOG.info(() -> "Refused an upload of " + uploader + ": storage quota exceeded");
      throw new MatrixException(
          ErrorCode.M_RESOURCE_LIMIT_EXCEEDED,
          400,
          "Media upload limit exceeded: quota of " + quotaBytesPerUser + " bytes per user",
          Map.of());
    }
  }
}
