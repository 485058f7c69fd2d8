package de.timkim.connector.soap.wire;

import static de.timkim.connector.soap.wire.Namespaces.CONN;
import static de.timkim.connector.soap.wire.Namespaces.DSS;
import static de.timkim.connector.soap.wire.Namespaces.GERROR;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;

/** Types shared by all Konnektor services: context, status, error, documents, signatures. */
public final class Common {

  private Common() {}

  /** ConnectorContext ContextType. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "ContextType",
      namespace = Namespaces.CCTX,
      propOrder = {"mandantId", "clientSystemId", "workplaceId", "userId"})
  public static class Context {
    @XmlElement(name = "MandantId", namespace = CONN, required = true)
    public String mandantId;

    @XmlElement(name = "ClientSystemId", namespace = CONN, required = true)
    public String clientSystemId;

    @XmlElement(name = "WorkplaceId", namespace = CONN, required = true)
    public String workplaceId;

    @XmlElement(name = "UserId", namespace = CONN)
    public String userId;
  }

  /** ConnectorCommon Status: Result OK or Warning, and an Error for warnings. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "StatusType",
      namespace = CONN,
      propOrder = {"result", "error"})
  public static class Status {
    @XmlElement(name = "Result", namespace = CONN, required = true)
    public String result;

    @XmlElement(name = "Error", namespace = GERROR)
    public TelematikError error;

    public static Status ok() {
      Status status = new Status();
      status.result = "OK";
      return status;
    }
  }

  /** TelematikError v2.0 Error: what a Konnektor puts in a SOAP fault's detail. */
  @XmlRootElement(name = "Error", namespace = GERROR)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "TelematikErrorType",
      namespace = GERROR,
      propOrder = {"messageId", "timestamp", "trace"})
  public static class TelematikError {
    @XmlElement(name = "MessageID", namespace = GERROR, required = true)
    public String messageId = "";

    @XmlElement(name = "Timestamp", namespace = GERROR, required = true)
    public XMLGregorianCalendar timestamp;

    @XmlElement(name = "Trace", namespace = GERROR, required = true)
    public List<Trace> trace = new ArrayList<>();
  }

  /** One TelematikError Trace entry. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "TraceType",
      namespace = GERROR,
      propOrder = {
        "eventId",
        "instance",
        "logReference",
        "compType",
        "code",
        "severity",
        "errorType",
        "errorText",
        "detail"
      })
  public static class Trace {
    @XmlElement(name = "EventID", namespace = GERROR, required = true)
    public String eventId = "";

    @XmlElement(name = "Instance", namespace = GERROR, required = true)
    public String instance = "";

    @XmlElement(name = "LogReference", namespace = GERROR, required = true)
    public String logReference = "";

    @XmlElement(name = "CompType", namespace = GERROR, required = true)
    public String compType;

    @XmlElement(name = "Code", namespace = GERROR, required = true)
    public BigInteger code;

    @XmlElement(name = "Severity", namespace = GERROR, required = true)
    public String severity;

    @XmlElement(name = "ErrorType", namespace = GERROR, required = true)
    public String errorType;

    @XmlElement(name = "ErrorText", namespace = GERROR, required = true)
    public String errorText;

    @XmlElement(name = "Detail", namespace = GERROR)
    public Detail detail;
  }

  /** Trace Detail with its Encoding attribute. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "DetailType", namespace = GERROR)
  public static class Detail {
    @XmlValue public String value;

    @XmlAttribute(name = "Encoding")
    public String encoding;
  }

  /** ConnectorCommon DocumentType (a dss:DocumentBaseType) carrying dss:Base64Data. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "DocumentType",
      namespace = CONN,
      propOrder = {"base64Data"})
  public static class Document {
    @XmlAttribute(name = "ID")
    public String id;

    @XmlAttribute(name = "ShortText")
    public String shortText;

    @XmlElement(name = "Base64Data", namespace = DSS)
    public Base64Data base64Data;

    public static Document of(byte[] content, String mimeType) {
      Document document = new Document();
      document.base64Data = new Base64Data();
      document.base64Data.value = content;
      document.base64Data.mimeType = mimeType;
      return document;
    }

    public byte[] content() {
      return base64Data == null ? null : base64Data.value;
    }
  }

  /** dss:Base64Data */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "Base64DataType", namespace = DSS)
  public static class Base64Data {
    @XmlValue public byte[] value;

    @XmlAttribute(name = "MimeType")
    public String mimeType;
  }

  /** dss:SignatureObject with a dss:Base64Signature. */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "SignatureObjectType",
      namespace = DSS,
      propOrder = {"base64Signature"})
  public static class SignatureObject {
    @XmlElement(name = "Base64Signature", namespace = DSS)
    public Base64Signature base64Signature;

    public static SignatureObject of(byte[] signature, String type) {
      SignatureObject object = new SignatureObject();
      object.base64Signature = new Base64Signature();
      object.base64Signature.value = signature;
      object.base64Signature.type = type;
      return object;
    }

    public byte[] signature() {
      return base64Signature == null ? null : base64Signature.value;
    }
  }

  /** dss:Base64Signature */
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "Base64SignatureType", namespace = DSS)
  public static class Base64Signature {
    @XmlValue public byte[] value;

    @XmlAttribute(name = "Type")
    public String type;
  }
}
