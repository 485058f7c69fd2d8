package de.timkim.messenger.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * One ed25519 key of one server name. The seed never leaves the database (encrypted) and this JVM.
 */
@Entity
@Table(name = "server_signing_key")
@IdClass(ServerSigningKey.Key.class)
@NamedQuery(
    name = ServerSigningKey.CURRENT,
    query =
        "select k from ServerSigningKey k where k.serverName = :serverName and k.retiredAt is null"
            + " order by k.createdAt desc")
public class ServerSigningKey {

  static final String CURRENT = "ServerSigningKey.current";

  @Id
  @Column(name = "server_name", length = 255)
  private String serverName;

  @Id
  @Column(name = "key_id", length = 64)
  private String keyId;

  /**
   * Unpadded base64 of the 32-byte ed25519 seed, encrypted under the secrets key ({@link
   * de.timkim.platform.secrets.SecretsAtRest}, finding 17).
   */
  @Column(name = "seed", length = 255, nullable = false)
  private String seed;

  /** Unpadded base64 of the 32-byte public key. */
  @Column(name = "public_key", length = 64, nullable = false)
  private String publicKey;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "retired_at")
  private Long retiredAt;

  protected ServerSigningKey() {}

  ServerSigningKey(String serverName, String keyId, String seed, String publicKey, long createdAt) {
    this.serverName = serverName;
    this.keyId = keyId;
    this.seed = seed;
    this.publicKey = publicKey;
    this.createdAt = createdAt;
  }

  public String serverName() {
    return serverName;
  }

  public String keyId() {
    return keyId;
  }

  String seed() {
    return seed;
  }

  public String publicKey() {
    return publicKey;
  }

  public long createdAt() {
    return createdAt;
  }

  /** Composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String serverName;
    private String keyId;

    public Key() {}

    public Key(String serverName, String keyId) {
      this.serverName = serverName;
      this.keyId = keyId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(serverName, k.serverName)
          && Objects.equals(keyId, k.keyId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(serverName, keyId);
    }
  }
}
