package de.timkim.messenger.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** One user-interactive authentication session; any cluster node can continue it. */
@Entity
@Table(name = "uia_session")
public class UiaSession {

  @Id
  @Column(name = "session_id")
  private String sessionId;

  @Column(name = "purpose", nullable = false)
  private String purpose;

  @Column(name = "user_id")
  private String userId;

  /** Completed stage types, comma separated. */
  @Column(name = "completed", nullable = false)
  private String completed = "";

  @Column(name = "registration_token")
  private String registrationToken;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  protected UiaSession() {}

  UiaSession(String sessionId, String purpose, String userId, long createdAt) {
    this.sessionId = sessionId;
    this.purpose = purpose;
    this.userId = userId;
    this.createdAt = createdAt;
  }

  String sessionId() {
    return sessionId;
  }

  String purpose() {
    return purpose;
  }

  String userId() {
    return userId;
  }

  long createdAt() {
    return createdAt;
  }

  Set<String> completed() {
    Set<String> stages = new LinkedHashSet<>();
    if (!completed.isEmpty()) {
      stages.addAll(Arrays.asList(completed.split(",")));
    }
    return stages;
  }

  void complete(String stage) {
    Set<String> stages = completed();
    stages.add(stage);
    completed = String.join(",", stages);
  }

  String registrationToken() {
    return registrationToken;
  }

  void useRegistrationToken(String token) {
    this.registrationToken = token;
  }
}
