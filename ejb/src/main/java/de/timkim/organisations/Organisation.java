package de.timkim.organisations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An institution (practice, hospital, ...) that runs messenger services here. */
@Entity
@Table(name = "organisation")
public class Organisation {

  /** The organisation of the installation's operator: holds the configured server names. */
  public static final String OPERATOR_ID = "operator";

  @Id
  @Column(name = "id", length = 64)
  private String id;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "telematik_id", length = 128)
  private String telematikId;

  @Column(name = "operator", nullable = false)
  private boolean operator;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected Organisation() {}

  Organisation(String id, String name, String telematikId, long createdAt) {
    this.id = id;
    this.name = name;
    this.telematikId = telematikId;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String telematikId() {
    return telematikId;
  }

  public boolean operator() {
    return operator;
  }
}
