package de.timkim.organisations.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user of an organisation whom the organisation makes findable in the VZD. */
@Entity
@Table(name = "directory_published_user")
@NamedQuery(
    name = PublishedUser.OF_ORGANISATION,
    query =
        "select p.userId from PublishedUser p where p.organisationId = :organisationId"
            + " order by p.userId")
public class PublishedUser {

  static final String OF_ORGANISATION = "PublishedUser.ofOrganisation";

  @Id
  @Column(name = "user_id")
  private String userId;

  @Column(name = "organisation_id", nullable = false, length = 64)
  private String organisationId;

  @Column(name = "published_at", nullable = false)
  private long publishedAt;

  protected PublishedUser() {}

  PublishedUser(String userId, String organisationId, long publishedAt) {
    this.userId = userId;
    this.organisationId = organisationId;
    this.publishedAt = publishedAt;
  }

  String organisationId() {
    return organisationId;
  }
}
