package de.timkim.api.konnektor.soap;

import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.soap.wire.CertificateServiceMessages;
import de.timkim.connector.soap.wire.CertificateServicePortType;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.KonnektorFault;
import jakarta.jws.WebService;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** CertificateService ReadCardCertificate of the software Konnektor. */
@WebService(
    serviceName = "CertificateService",
    portName = "CertificateServicePort",
    targetNamespace = "http://ws.gematik.de/conn/CertificateService/WSDL/v6.0",
    endpointInterface = "de.timkim.connector.soap.wire.CertificateServicePortType")
public class CertificateServiceEndpoint extends SoftwareKonnektorFacade
    implements CertificateServicePortType {

  @Override
  public CertificateServiceMessages.ReadCardCertificateResponse readCardCertificate(
      CertificateServiceMessages.ReadCardCertificate request) throws KonnektorFault {
    return run(
        connection -> {
          var response = new CertificateServiceMessages.ReadCardCertificateResponse();
          response.status = Common.Status.ok();
          Crypt crypt = EncryptionServiceEndpoint.crypt(request.crypt);
          for (String ref : request.certRefList.certRef) {
            X509Certificate certificate =
                connection.readCardCertificate(
                    KonnektorFault.context(request.context),
                    request.cardHandle,
                    CertRef.fromWireName(ref),
                    crypt);
            var info = new CertificateServiceMessages.X509DataInfo();
            info.certRef = ref;
            info.x509Data = new CertificateServiceMessages.X509Data();
            info.x509Data.x509IssuerSerial = new CertificateServiceMessages.X509IssuerSerial();
            info.x509Data.x509IssuerSerial.x509IssuerName =
                certificate.getIssuerX500Principal().getName();
            info.x509Data.x509IssuerSerial.x509SerialNumber =
                certificate.getSerialNumber().toString();
            info.x509Data.x509SubjectName = certificate.getSubjectX500Principal().getName();
            try {
              info.x509Data.x509Certificate = certificate.getEncoded();
            } catch (CertificateEncodingException e) {
              throw new KonnektorException(
                  KonnektorErrorCode.INTERNAL_ERROR, "Cannot encode certificate", e);
            }
            response.x509DataInfoList.x509DataInfo.add(info);
          }
          return response;
        });
  }
}
