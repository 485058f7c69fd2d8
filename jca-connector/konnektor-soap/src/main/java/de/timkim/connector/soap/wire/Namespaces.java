package de.timkim.connector.soap.wire;

/** XML namespaces of gematik's api-telematik schemas and WSDLs that the model uses. */
public final class Namespaces {

  public static final String CONN = "http://ws.gematik.de/conn/ConnectorCommon/v5.0";
  public static final String CCTX = "http://ws.gematik.de/conn/ConnectorContext/v2.0";
  public static final String GERROR = "http://ws.gematik.de/tel/error/v2.0";
  public static final String DSS = "urn:oasis:names:tc:dss:1.0:core:schema";

  public static final String EVT = "http://ws.gematik.de/conn/EventService/v7.2";
  public static final String EVT_WSDL = "http://ws.gematik.de/conn/EventService/WSDL/v7.2";
  public static final String CARD = "http://ws.gematik.de/conn/CardService/v8.1";
  public static final String CARD_WSDL = "http://ws.gematik.de/conn/CardService/WSDL/v8.1";
  public static final String CARDCMN = "http://ws.gematik.de/conn/CardServiceCommon/v2.0";
  public static final String CERT = "http://ws.gematik.de/conn/CertificateService/v6.0";
  public static final String CERT_WSDL = "http://ws.gematik.de/conn/CertificateService/WSDL/v6.0";
  public static final String CERTCMN = "http://ws.gematik.de/conn/CertificateServiceCommon/v2.0";
  public static final String SIG = "http://ws.gematik.de/conn/SignatureService/v7.5";
  public static final String SIG_WSDL = "http://ws.gematik.de/conn/SignatureService/WSDL/v7.5";
  // ExternalAuthenticate is still defined in the SignatureService v7.4 schema
  public static final String SIG74 = "http://ws.gematik.de/conn/SignatureService/v7.4";
  public static final String AUTH_WSDL = "http://ws.gematik.de/conn/AuthSignatureService/WSDL/v7.4";
  public static final String CRYPT = "http://ws.gematik.de/conn/EncryptionService/v6.1";
  public static final String CRYPT_WSDL = "http://ws.gematik.de/conn/EncryptionService/WSDL/v6.1";

  /** dss:SignatureType for CMS signatures (RFC 5652). */
  public static final String SIGNATURE_TYPE_CMS = "urn:ietf:rfc:5652";

  /** EncryptionType for CMS EnvelopedData. */
  public static final String ENCRYPTION_TYPE_CMS = "urn:ietf:rfc:5652";

  private Namespaces() {}
}
