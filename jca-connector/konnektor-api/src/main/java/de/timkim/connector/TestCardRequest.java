package de.timkim.connector;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a new software test card carries: an SMC-B for an institution or an eHBA for a professional,
 * with the Telematik-ID and profession OID that go into the certificates' admission extension.
 *
 * @param mandantId the Mandant whose GetCards lists the card; null for the configured default
 * @param certificates VALID, or EXPIRED / REVOKED to exercise the certificate checks
 * @param ocspUrl the OCSP responder for the certificates' AuthorityInformationAccess; null for the
 *     test PKI's own ({@code tim.konnektor.test-pki.ocsp-url})
 */
public record TestCardRequest(
    CardType type,
    String holderName,
    String telematikId,
    String professionOid,
    String mandantId,
    CertificateState certificates,
    String ocspUrl)
    implements Serializable {

  /** What state the card's certificates are issued in. */
  public enum CertificateState {
    VALID,
    EXPIRED,
    REVOKED
  }

  private static final Pattern OID = Pattern.compile("[0-2](\\.\\d+)+");
  // gemSpec_PKI: a Telematik-ID is at most 128 characters, a sector prefix then printable ASCII
  private static final Pattern TELEMATIK_ID = Pattern.compile("[0-9]+-[\\x21-\\x7e]{1,125}");

  public TestCardRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(certificates, "certificates");
    if (holderName == null || holderName.isBlank() || holderName.length() > 64) {
      throw new IllegalArgumentException("holderName must have 1 to 64 characters");
    }
    if (telematikId == null || !TELEMATIK_ID.matcher(telematikId).matches()) {
      throw new IllegalArgumentException("Not a Telematik-ID: " + telematikId);
    }
    if (professionOid == null || !OID.matcher(professionOid).matches()) {
      throw new IllegalArgumentException("Not an OID: " + professionOid);
    }
    if (ocspUrl != null
        && (ocspUrl.length() > 200
            || !(ocspUrl.startsWith("http://") || ocspUrl.startsWith("https://")))) {
      throw new IllegalArgumentException("Not an http(s) OCSP URL: " + ocspUrl);
    }
  }

  /** A card whose certificates name the test PKI's own OCSP responder. */
  public TestCardRequest(
      CardType type,
      String holderName,
      String telematikId,
      String professionOid,
      String mandantId,
      CertificateState certificates) {
    this(type, holderName, telematikId, professionOid, mandantId, certificates, null);
  }
}
