package de.timkim.organisations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One Matrix homeserver (server name) of an organisation. */
@Entity
@Table(name = "messenger_service")
@NamedQuery(
    name = MessengerService.OF_ORGANISATION,
    query =
        "select s from MessengerService s where s.organisationId = :organisationId"
            + " order by s.createdAt, s.serverName")
@NamedQuery(
    name = MessengerService.ALL_NAMES,
    query = "select s.serverName from MessengerService s order by s.createdAt, s.serverName")
public class MessengerService {

  static final String OF_ORGANISATION = "MessengerService.ofOrganisation";
  static final String ALL_NAMES = "MessengerService.allNames";

  @Id
  @Column(name = "server_name")
  private String serverName;

  @Column(name = "organisation_id", nullable = false, length = 64)
  private String organisationId;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected MessengerService() {}

  MessengerService(String serverName, String organisationId, long createdAt) {
    this.serverName = serverName;
    this.organisationId = organisationId;
    this.createdAt = createdAt;
  }

  public String serverName() {
    return serverName;
  }

  public String organisationId() {
    return organisationId;
  }

  public long createdAt() {
    return createdAt;
  }
}
