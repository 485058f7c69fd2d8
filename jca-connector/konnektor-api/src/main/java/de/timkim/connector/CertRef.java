package de.timkim.connector;

/**
 * Which certificate of a card (CertificateServiceCommon CertRefEnum). On an SMC-B C.AUT, C.ENC and
 * C.SIG are C.HCI.AUT, C.HCI.ENC and C.HCI.OSIG; on an eHBA C.AUT, C.ENC and C.QES are C.HP.AUT,
 * C.HP.ENC and C.HP.QES.
 */
public enum CertRef {
  AUT("C.AUT"),
  ENC("C.ENC"),
  SIG("C.SIG"),
  QES("C.QES");

  private final String wireName;

  CertRef(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static CertRef fromWireName(String name) throws KonnektorException {
    for (CertRef ref : values()) {
      if (ref.wireName.equals(name)) {
        return ref;
      }
    }
    throw new KonnektorException(
        KonnektorErrorCode.INVALID_CERTIFICATE_REFERENCE, "Ungültige Zertifikatsreferenz: " + name);
  }
}
