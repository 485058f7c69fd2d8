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

  protected AdminAccount() {}

  AdminAccount(String username, String passwordHash, long createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
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
