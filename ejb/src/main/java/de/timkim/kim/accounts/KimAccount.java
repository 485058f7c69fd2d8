package de.timkim.kim.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "kim_account")
public class KimAccount {

  @Id
  @Column(name = "address")
  private String address;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  @Column(name = "state", nullable = false)
  private AccountState state;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "deregistered_at")
  private Long deregisteredAt;

  protected KimAccount() {}

  KimAccount(KimAddress address, String passwordHash, long createdAt) {
    this.address = address.toString();
    this.passwordHash = passwordHash;
    this.state = AccountState.ACTIVE;
    this.createdAt = createdAt;
  }

  public KimAddress address() {
    return KimAddress.parse(address);
  }

  public AccountState state() {
    return state;
  }

  public Long deregisteredAt() {
    return deregisteredAt;
  }

  String passwordHash() {
    return passwordHash;
  }

  void changeState(AccountState newState, long now) {
    state = newState;
    deregisteredAt = newState == AccountState.DEREGISTERED ? Long.valueOf(now) : null;
  }
}
