package de.timkim.messenger.keybackup;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;

/**
 * Which backup version a request means, locked for writing where it changes keys, and its etag and
 * key count, through the calling bean's entity manager and so in its transaction.
 */
class BackupVersionRows {

  private final EntityManager em;

  BackupVersionRows(EntityManager em) {
    this.em = em;
  }

  /** The current version's number; 404 when the user has none. */
  long current(String user) {
    Number max =
        (Number)
            em.createNativeQuery(
                    "SELECT MAX(version) FROM room_key_backup_version WHERE user_id = ?1"
                        + " AND deleted = FALSE")
                .setParameter(1, user)
                .getSingleResult();
    if (max == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "No current backup version");
    }
    return max.longValue();
  }

  /** A version that exists and is not deleted (locked for writing when asked); else 404. */
  long existing(String user, String version, boolean lock) {
    long number = number(version);
    List<?> rows =
        em.createNativeQuery(
                "SELECT version FROM room_key_backup_version WHERE user_id = ?1 AND version = ?2"
                    + " AND deleted = FALSE"
                    + (lock ? " FOR UPDATE" : ""))
            .setParameter(1, user)
            .setParameter(2, number)
            .getResultList();
    if (rows.isEmpty()) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown backup version " + version);
    }
    return number;
  }

  /** Keys go only into the current version. */
  long writable(String user, String version) {
    long current = current(user);
    long number;
    try {
      number = number(version);
    } catch (MatrixException unknown) {
      number = -1;
    }
    if (number != current) {
      throw new MatrixException(
          ErrorCode.M_WRONG_ROOM_KEYS_VERSION,
          403,
          "Wrong backup version; the current one is " + current,
          Map.of("current_version", Long.toString(current)));
    }
    return existing(user, version, true);
  }

  private static long number(String version) {
    if (version == null || version.isEmpty()) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing 'version'");
    }
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown backup version " + version);
    }
  }

  long count(String user, long version) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM room_key_backup WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, version)
                .getSingleResult())
        .longValue();
  }

  long etag(String user, long version) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT etag FROM room_key_backup_version WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, version)
                .getSingleResult())
        .longValue();
  }

  long bumpEtag(String user, long version) {
    em.createNativeQuery(
            "UPDATE room_key_backup_version SET etag = etag + 1 WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, version)
        .executeUpdate();
    return etag(user, version);
  }
}
