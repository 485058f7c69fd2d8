package de.timkim.connector.soap.wire;

import static de.timkim.connector.soap.wire.Namespaces.CCTX;
import static de.timkim.connector.soap.wire.Namespaces.CERT;
import static de.timkim.connector.soap.wire.Namespaces.CERTCMN;
import static de.timkim.connector.soap.wire.Namespaces.CONN;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** CertificateService v6.0 ReadCardCertificate. */
public final class CertificateServiceMessages {

  private CertificateServiceMessages() {}

  @XmlRootElement(name = "ReadCardCertificate", namespace = CERT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "ReadCardCertificate",
      namespace = CERT,
      propOrder = {"cardHandle", "context", "certRefList", "crypt"})
  public static class ReadCardCertificate {
    @XmlElement(name = "CardHandle", namespace = CONN, required = true)
    public String cardHandle;

    @XmlElement(name = "Context", namespace = CCTX, required = true)
    public Common.Context context;

    @XmlElement(name = "CertRefList", namespace = CERT, required = true)
    public CertRefList certRefList = new CertRefList();

    @XmlElement(name = "Crypt", namespace = CERT)
    public String crypt;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "CertRefList", namespace = CERT)
  public static class CertRefList {
    @XmlElement(name = "CertRef", namespace = CERT, required = true)
    public List<String> certRef = new ArrayList<>();
  }

  @XmlRootElement(name = "ReadCardCertificateResponse", namespace = CERT)
  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "ReadCardCertificateResponse",
      namespace = CERT,
      propOrder = {"status", "x509DataInfoList"})
  public static class ReadCardCertificateResponse {
    @XmlElement(name = "Status", namespace = CONN, required = true)
    public Common.Status status;

    @XmlElement(name = "X509DataInfoList", namespace = CERTCMN, required = true)
    public X509DataInfoList x509DataInfoList = new X509DataInfoList();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(name = "X509DataInfoListType", namespace = CERTCMN)
  public static class X509DataInfoList {
    @XmlElement(name = "X509DataInfo", namespace = CERTCMN, required = true)
    public List<X509DataInfo> x509DataInfo = new ArrayList<>();
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "X509DataInfo",
      namespace = CERTCMN,
      propOrder = {"certRef", "x509Data"})
  public static class X509DataInfo {
    @XmlElement(name = "CertRef", namespace = CERTCMN, required = true)
    public String certRef;

    @XmlElement(name = "X509Data", namespace = CERTCMN)
    public X509Data x509Data;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "X509Data",
      namespace = CERTCMN,
      propOrder = {"x509IssuerSerial", "x509SubjectName", "x509Certificate"})
  public static class X509Data {
    @XmlElement(name = "X509IssuerSerial", namespace = CERTCMN, required = true)
    public X509IssuerSerial x509IssuerSerial;

    @XmlElement(name = "X509SubjectName", namespace = CERTCMN, required = true)
    public String x509SubjectName;

    @XmlElement(name = "X509Certificate", namespace = CERTCMN, required = true)
    public byte[] x509Certificate;
  }

  @XmlAccessorType(XmlAccessType.FIELD)
  @XmlType(
      name = "X509IssuerSerial",
      namespace = CERTCMN,
      propOrder = {"x509IssuerName", "x509SerialNumber"})
  public static class X509IssuerSerial {
    @XmlElement(name = "X509IssuerName", namespace = CERTCMN, required = true)
    public String x509IssuerName;

    @XmlElement(name = "X509SerialNumber", namespace = CERTCMN, required = true)
    public String x509SerialNumber;
  }
}
