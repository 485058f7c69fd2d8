package de.timkim.messenger.keybackup;

import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;

/**
 * Key backup versions (https://spec.matrix.org/v1.11/client-server-api/#server-side-key-backups):
 * create, read, update and delete; a deleted version keeps its number so it is never reused.
 */
@Stateless
public class KeyBackupVersions {

  @PersistenceContext private EntityManager em;

  private BackupVersionRows versionRows;

  @PostConstruct
  void start() {
    versionRows = new BackupVersionRows(em);
  }

  /** A backup version as /room_keys/version shows it. */
  public record Version(
      String version, String algorithm, JsonObject authData, long etag, long count) {
    public JsonObject toJson() {
      return Jsonp.createObjectBuilder()
          .add("version", version)
          .add("algorithm", algorithm)
          .add("auth_data", authData)
          .add("etag", Long.toString(etag))
          .add("count", count)
          .build();
    }
  }

  /** POST /room_keys/version; returns the new version. */
  public String createVersion(Requester requester, String algorithm, JsonObject authData) {
    String user = requester.userId().toString();
    // the account row serialises a user's creates, so two devices creating at once (even the
    // first version, when no version row exists to lock) get two numbers
    em.createNativeQuery("SELECT user_id FROM matrix_user WHERE user_id = ?1 FOR UPDATE")
        .setParameter(1, user)
        .getResultList();
    Number max =
        (Number)
            em.createNativeQuery(
                    "SELECT MAX(version) FROM room_key_backup_version WHERE user_id = ?1")
                .setParameter(1, user)
                .getSingleResult();
    long version = max == null ? 1 : max.longValue() + 1;
    em.createNativeQuery(
            "INSERT INTO room_key_backup_version (user_id, version, algorithm, auth_data, etag,"
                + " deleted) VALUES (?1, ?2, ?3, ?4, 0, FALSE)")
        .setParameter(1, user)
        .setParameter(2, version)
        .setParameter(3, algorithm)
        .setParameter(4, authData.toString())
        .executeUpdate();
    return Long.toString(version);
  }

  /** GET /room_keys/version[/{version}]; null version: the current one. */
  public Version version(Requester requester, String version) {
    String user = requester.userId().toString();
    long number =
        version == null ? versionRows.current(user) : versionRows.existing(user, version, false);
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT algorithm, auth_data, etag FROM room_key_backup_version"
                        + " WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, number)
                .getSingleResult();
    return new Version(
        Long.toString(number),
        (String) row[0],
        parse((String) row[1]),
        ((Number) row[2]).longValue(),
        versionRows.count(user, number));
  }

  /** PUT /room_keys/version/{version}: new auth_data; the algorithm cannot change. */
  public void updateVersion(
      Requester requester,
      String version,
      String bodyVersion,
      String algorithm,
      JsonObject authData) {
    String user = requester.userId().toString();
    long number = versionRows.existing(user, version, true);
    if (bodyVersion != null && !bodyVersion.equals(Long.toString(number))) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "The body's version does not match the path's");
    }
    String stored =
        (String)
            em.createNativeQuery(
                    "SELECT algorithm FROM room_key_backup_version WHERE user_id = ?1 AND version = ?2")
                .setParameter(1, user)
                .setParameter(2, number)
                .getSingleResult();
    if (!stored.equals(algorithm)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "The algorithm of a backup version cannot change");
    }
    em.createNativeQuery(
            "UPDATE room_key_backup_version SET auth_data = ?3 WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, number)
        .setParameter(3, authData.toString())
        .executeUpdate();
  }

  /** DELETE /room_keys/version/{version}: the version and all its keys go. */
  public void deleteVersion(Requester requester, String version) {
    String user = requester.userId().toString();
    long number = versionRows.existing(user, version, true);
    em.createNativeQuery("DELETE FROM room_key_backup WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, number)
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE room_key_backup_version SET deleted = TRUE, auth_data = '{}'"
                + " WHERE user_id = ?1 AND version = ?2")
        .setParameter(1, user)
        .setParameter(2, number)
        .executeUpdate();
  }

  private static JsonObject parse(String json) {
    try (var reader = Jsonp.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
