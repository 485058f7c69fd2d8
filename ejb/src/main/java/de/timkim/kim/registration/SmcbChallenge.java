package de.timkim.kim.registration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A challenge the Fachdienst issued and nobody has redeemed yet. */
@Entity
@Table(name = "kim_auth_challenge")
@NamedQuery(
    name = "SmcbChallenge.redeem",
    query = "DELETE FROM SmcbChallenge c WHERE c.challenge = :challenge AND c.expiresAt > :now")
@NamedQuery(
    name = "SmcbChallenge.deleteExpired",
    query = "DELETE FROM SmcbChallenge c WHERE c.expiresAt <= :now")
class SmcbChallenge {

  @Id
  @Column(name = "challenge")
  private String challenge;

  @Column(name = "expires_at", nullable = false)
  private long expiresAt;

  protected SmcbChallenge() {}

  SmcbChallenge(String challenge, long expiresAt) {
    this.challenge = challenge;
    this.expiresAt = expiresAt;
  }
}
