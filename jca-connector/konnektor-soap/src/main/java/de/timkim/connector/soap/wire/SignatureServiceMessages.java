package de.timkim.connector.soap.wire;

import static de.timkim.connector.soap.wire.Namespaces.CCTX;
import static de.timkim.connector.soap.wire.Namespaces.CONN;
import static de.timkim.connector.soap.wire.Namespaces.DSS;
import static de.timkim.connector.soap.wire.Namespaces.SIG;
import static de.timkim.connector.soap.wire.Namespaces.SIG74;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * SignatureService v7.5 SignDocument and VerifyDocument, and AuthSignatureService v7.4
 * ExternalAuthenticate (whose elements live in the SignatureService v7.4 schema).
 */
public final class SignatureServiceMessages {

  private SignatureServiceMessages() {}

  @XmlRootElement(name = "SignDocument", namespace = SIG)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "SignDocument",
      namespace = SIG,
      propOrder = {"cardHandle", "crypt", "context", "tvMode", "signRequest"})
  public static class SignDocument {
    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "Crypt", namespace = SIG)
    public String crypt;

    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "TvMode", namespace = SIG, required = true)
    public String tvMode = "NONE";

    @XmlElement(name = "SignRequest", namespace = SIG, required = true)
    public List<SignRequest> signRequest = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "SignRequest",
      namespace = SIG,
      propOrder = {"optionalInputs", "document", "includeRevocationInfo"})
  public static class SignRequest {
    @XmlElement(name = "OptionalInputs", namespace = SIG)
    public SignOptionalInputs optionalInputs;

    @XmlElement(name = "Document", namespace = SIG, required = true)
    public Common.Document document;

    @XmlElement(name = "IncludeRevocationInfo", namespace = SIG, required = true)
    public boolean includeRevocationInfo;

    @XmlAttribute(name = "RequestID", required = true)
    public String requestId;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "SignOptionalInputs",
      namespace = SIG,
      propOrder = {"signatureType", "includeEContent"})
  public static class SignOptionalInputs {
    @XmlElement(name = "SignatureType", namespace = DSS)
    public String signatureType;

    @XmlElement(name = "IncludeEContent", namespace = SIG)
    public Boolean includeEContent;
  }

  @XmlRootElement(name = "SignDocumentResponse", namespace = SIG)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "SignDocumentResponse", namespace = SIG)
  public static class SignDocumentResponse {
    @XmlElement(name = "SignResponse", namespace = SIG, required = true)
    public List<SignResponse> signResponse = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "SignResponse",
      namespace = SIG,
      propOrder = {"status", "signatureObject"})
  public static class SignResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "SignatureObject", namespace = DSS)
    public Common.SignatureObject signatureObject;

    @XmlAttribute(name = "RequestID", required = true)
    public String requestId;
  }

  @XmlRootElement(name = "VerifyDocument", namespace = SIG)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "VerifyDocument",
      namespace = SIG,
      propOrder = {"context", "tvMode", "document", "signatureObject", "includeRevocationInfo"})
  public static class VerifyDocument {
    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "TvMode", namespace = SIG)
    public String tvMode;

    @XmlElement(name = "Document", namespace = SIG)
    public Common.Document document;

    @XmlElement(name = "SignatureObject", namespace = DSS)
    public Common.SignatureObject signatureObject;

    @XmlElement(name = "IncludeRevocationInfo", namespace = SIG, required = true)
    public boolean includeRevocationInfo;
  }

  @XmlRootElement(name = "VerifyDocumentResponse", namespace = SIG)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "VerifyDocumentResponse",
      namespace = SIG,
      propOrder = {"status", "verificationResult"})
  public static class VerifyDocumentResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "VerificationResult", namespace = SIG, required = true)
    public VerificationResult verificationResult;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "VerificationResultType",
      namespace = SIG,
      propOrder = {"highLevelResult", "timestampType", "timestamp"})
  public static class VerificationResult {
    @XmlElement(name = "HighLevelResult", namespace = SIG, required = true)
    public String highLevelResult;

    @XmlElement(name = "TimestampType", namespace = SIG, required = true)
    public String timestampType = "SYSTEM_TIMESTAMP";

    @XmlElement(name = "Timestamp", namespace = SIG, required = true)
    public javax.xml.datatype.XMLGregorianCalendar timestamp;
  }

  @XmlRootElement(name = "ExternalAuthenticate", namespace = SIG74)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "ExternalAuthenticate",
      namespace = SIG74,
      propOrder = {"cardHandle", "context", "optionalInputs", "binaryString"})
  public static class ExternalAuthenticate {
    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "OptionalInputs", namespace = SIG74)
    public AuthOptionalInputs optionalInputs;

    @XmlElement(name = "BinaryString", namespace = SIG74, required = true)
    public BinaryString binaryString;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "AuthOptionalInputs",
      namespace = SIG74,
      propOrder = {"signatureType", "signatureSchemes"})
  public static class AuthOptionalInputs {
    /** urn:ietf:rfc:3447 (RSA) or urn:bsi:tr:03111:ecdsa (ECC) */
    @XmlElement(name = "SignatureType", namespace = DSS)
    public String signatureType;

    @XmlElement(name = "SignatureSchemes", namespace = SIG74)
    public String signatureSchemes;
  }

  /** SIG BinaryDocumentType: the data to sign as dss:Base64Data. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "BinaryDocumentType", namespace = SIG74)
  public static class BinaryString {
    @XmlElement(name = "Base64Data", namespace = DSS, required = true)
    public Common.Base64Data base64Data;
  }

  @XmlRootElement(name = "ExternalAuthenticateResponse", namespace = SIG74)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "ExternalAuthenticateResponse",
      namespace = SIG74,
      propOrder = {"status", "signatureObject"})
  public static class ExternalAuthenticateResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "SignatureObject", namespace = DSS)
    public Common.SignatureObject signatureObject;
  }
}
