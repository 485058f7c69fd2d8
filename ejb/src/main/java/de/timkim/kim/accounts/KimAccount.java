package de.timkim.kim.accounts;

import de.timkim.kim.mail.KimAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "kim_account")
@NamedQuery(
    name = "KimAccount.deregisteredBefore",
    query =
        "SELECT a FROM KimAccount a WHERE a.state = de.timkim.kim.accounts.AccountState.DEREGISTERED"
            + " AND a.deregisteredAt < :before ORDER BY a.deregisteredAt")
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

  /** The institution (SMC-B) that registered the account; null for operator-created accounts. */
  @Column(name = "telematik_id")
  private String telematikId;

  @Column(name = "kim_version")
  private String kimVersion;

  /** The Konnektor Mandant of the account's card; the client module's implicit binding. */
  @Column(name = "mandant_id")
  private String mandantId;

  @Column(name = "no_vzd_mail_entry", nullable = false)
  private boolean noVzdMailEntry;

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

  public String telematikId() {
    return telematikId;
  }

  /** The Mandant the operator bound the account's card to, or null. */
  public String mandantId() {
    return mandantId;
  }

  public String kimVersion() {
    return kimVersion;
  }

  public boolean noVzdMailEntry() {
    return noVzdMailEntry;
  }

  String passwordHash() {
    return passwordHash;
  }

  void changeState(AccountState newState, long now) {
    state = newState;
    deregisteredAt = newState == AccountState.DEREGISTERED ? Long.valueOf(now) : null;
  }

  void bindTo(String telematikId) {
    this.telematikId = telematikId;
  }

  void bindToCard(String telematikId, String mandantId) {
    this.telematikId = telematikId;
    this.mandantId = mandantId;
  }

  void changePasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  void changeKimVersion(String kimVersion) {
    this.kimVersion = kimVersion;
  }

  void changeNoVzdMailEntry(boolean noVzdMailEntry) {
    this.noVzdMailEntry = noVzdMailEntry;
  }
}
