package de.timkim.kim.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registration code: gematik's referenceID plus initial password (iniPassword), handed by the
 * operator to one institution and redeemed by exactly one account registration.
 */
@Entity
@Table(name = "kim_registration_code")
class KimRegistrationCode {

  @Id
  @Column(name = "reference_id")
  private String referenceId;

  @Column(name = "initial_password_hash", nullable = false)
  private String initialPasswordHash;

  /** The only address the code registers, or null for any address of this Fachdienst. */
  @Column(name = "address")
  private String address;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "expires_at", nullable = false)
  private long expiresAt;

  @Column(name = "used_at")
  private Long usedAt;

  @Column(name = "used_for")
  private String usedFor;

  protected KimRegistrationCode() {}

  KimRegistrationCode(
      String referenceId, String initialPasswordHash, String address, long createdAt, long ttl) {
    this.referenceId = referenceId;
    this.initialPasswordHash = initialPasswordHash;
    this.address = address;
    this.createdAt = createdAt;
    this.expiresAt = createdAt + ttl;
  }

  String initialPasswordHash() {
    return initialPasswordHash;
  }

  String address() {
    return address;
  }

  long expiresAt() {
    return expiresAt;
  }

  boolean used() {
    return usedAt != null;
  }

  void markUsed(String account, long now) {
    usedAt = now;
    usedFor = account;
  }
}
