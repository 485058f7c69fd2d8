package de.timkim.admin.members;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user an admin added; their Matrix account follows when they redeem their code. */
@Entity
@Table(name = "organisation_user")
public class OrganisationUser {

  @Id
  @Column(name = "user_id")
  private String userId;

  @Column(name = "server_name", nullable = false)
  private String serverName;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected OrganisationUser() {}

  OrganisationUser(String userId, String serverName, String displayName, long createdAt) {
    this.userId = userId;
    this.serverName = serverName;
    this.displayName = displayName;
    this.createdAt = createdAt;
  }

  String userId() {
    return userId;
  }

  String displayName() {
    return displayName;
  }

  void rename(String displayName) {
    this.displayName = displayName;
  }
}
