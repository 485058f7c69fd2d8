package de.timkim.messenger.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A messenger service's retention setting. */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy {

  @Id
  @Column(name = "server_name")
  private String serverName;

  @Column(name = "months", nullable = false)
  private int months;

  protected RetentionPolicy() {}

  RetentionPolicy(String serverName, int months) {
    this.serverName = serverName;
    this.months = months;
  }

  int months() {
    return months;
  }

  void change(int months) {
    this.months = months;
  }
}
