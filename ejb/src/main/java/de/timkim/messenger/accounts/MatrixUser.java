package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A local Matrix account. */
@Entity
@Table(name = "matrix_user")
public class MatrixUser {

  @Id
  @Column(name = "user_id")
  private String userId;

  @Column(name = "server_name", nullable = false)
  private String serverName;

  @Column(name = "localpart", nullable = false)
  private String localpart;

  @Column(name = "password_hash")
  private String passwordHash;

  @Column(name = "displayname")
  private String displayname;

  @Column(name = "avatar_url")
  private String avatarUrl;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "deactivated", nullable = false)
  private boolean deactivated;

  protected MatrixUser() {}

  MatrixUser(UserId id, String passwordHash, long createdAt) {
    this.userId = id.toString();
    this.serverName = id.serverName();
    this.localpart = id.localpart();
    this.passwordHash = passwordHash;
    this.displayname = id.localpart();
    this.createdAt = createdAt;
  }

  public UserId id() {
    return new UserId(localpart, serverName);
  }

  String passwordHash() {
    return passwordHash;
  }

  void changePassword(String hash) {
    this.passwordHash = hash;
  }

  public String displayname() {
    return displayname;
  }

  public void setDisplayname(String displayname) {
    this.displayname = displayname;
  }

  public String avatarUrl() {
    return avatarUrl;
  }

  public void setAvatarUrl(String avatarUrl) {
    this.avatarUrl = avatarUrl;
  }

  public boolean deactivated() {
    return deactivated;
  }

  void deactivate() {
    this.deactivated = true;
    this.passwordHash = null;
  }
}
