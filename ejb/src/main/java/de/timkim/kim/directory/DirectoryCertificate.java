package de.timkim.kim.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One encryption certificate of a KIM address, DER in base64. */
@Entity
@Table(name = "kim_directory_certificate")
@IdClass(DirectoryCertificate.Key.class)
@NamedQuery(
    name = "DirectoryCertificate.ofAddress",
    query = "SELECT c FROM DirectoryCertificate c WHERE c.address = :address ORDER BY c.sha256")
@NamedQuery(
    name = "DirectoryCertificate.deleteOfAddress",
    query = "DELETE FROM DirectoryCertificate c WHERE c.address = :address")
public class DirectoryCertificate {

  @Id
  @Column(name = "address")
  private String address;

  @Id
  @Column(name = "sha256")
  private String sha256;

  @Column(name = "telematik_id")
  private String telematikId;

  @Column(name = "certificate", nullable = false)
  private String certificate;

  protected DirectoryCertificate() {}

  DirectoryCertificate(String address, String sha256, String telematikId, String certificate) {
    this.address = address;
    this.sha256 = sha256;
    this.telematikId = telematikId;
    this.certificate = certificate;
  }

  String certificate() {
    return certificate;
  }

  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String address;
    String sha256;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.address.equals(address) && k.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
      return address.hashCode() * 31 + sha256.hashCode();
    }
  }
}
