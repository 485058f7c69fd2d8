package de.timkim.admin.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One portal sign-in. */
@Entity
@Table(name = "admin_account")
@NamedQuery(
    name = AdminAccount.BY_USERNAME,
    query = "select a from AdminAccount a where a.username = :username")
@NamedQuery(name = AdminAccount.COUNT, query = "select count(a) from AdminAccount a")
public class AdminAccount {

  static final String BY_USERNAME = "AdminAccount.byUsername";
  static final String COUNT = "AdminAccount.count";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "username", length = 128, nullable = false, unique = true)
  private String username;

  @Column(name = "password_hash", length = 255, nullable = false)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "last_login_at")
  private Long lastLoginAt;

  @Column(name = "organisation_id", length = 64, nullable = false)
  private String organisationId;

  /** Encrypted under the secrets key ({@link de.timkim.platform.secrets.SecretsAtRest}). */
  @Column(name = "totp_secret", length = 255)
  private String totpSecret;

  @Column(name = "totp_confirmed", nullable = false)
  private boolean totpConfirmed;

  @Column(name = "totp_last_step")
  private Long totpLastStep;

  /** When the unconfirmed secret was handed out; null once confirmed (V130). */
  @Column(name = "totp_enrolment_started_at")
  private Long totpEnrolmentStartedAt;

  protected AdminAccount() {}

  AdminAccount(String username, String passwordHash, String organisationId, long createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.organisationId = organisationId;
    this.createdAt = createdAt;
  }

  public String organisationId() {
    return organisationId;
  }

  String totpSecret() {
    return totpSecret;
  }

  boolean totpConfirmed() {
    return totpConfirmed;
  }

  Long totpLastStep() {
    return totpLastStep;
  }

  /** A fresh secret until the admin proves, with a first code, that their app holds it. */
  void startTotpEnrolment(String secret, long at) {
    this.totpSecret = secret;
    this.totpConfirmed = false;
    this.totpLastStep = null;
    this.totpEnrolmentStartedAt = at;
  }

  Long totpEnrolmentStartedAt() {
    return totpEnrolmentStartedAt;
  }

  void acceptTotpStep(long step) {
    this.totpConfirmed = true;
    this.totpLastStep = step;
    this.totpEnrolmentStartedAt = null;
  }

  public Long id() {
    return id;
  }

  public String username() {
    return username;
  }

  String passwordHash() {
    return passwordHash;
  }

  public Long lastLoginAt() {
    return lastLoginAt;
  }

  void recordLogin(long at) {
    this.lastLoginAt = at;
  }
}
