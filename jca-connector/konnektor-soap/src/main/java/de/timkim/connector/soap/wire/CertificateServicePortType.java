package de.timkim.connector.soap.wire;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** CertificateService v6.0 (CertificateService_v6_0_1.wsdl): ReadCardCertificate. */
@WebService(name = "CertificateServicePortType", targetNamespace = Namespaces.CERT_WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface CertificateServicePortType {

  @WebMethod(
      operationName = "ReadCardCertificate",
      action = "http://ws.gematik.de/conn/CertificateService/v6.0#ReadCardCertificate")
  @WebResult(
      name = "ReadCardCertificateResponse",
      targetNamespace = Namespaces.CERT,
      partName = "parameter")
  CertificateServiceMessages.ReadCardCertificateResponse readCardCertificate(
      @WebParam(
              name = "ReadCardCertificate",
              targetNamespace = Namespaces.CERT,
              partName = "parameter")
          CertificateServiceMessages.ReadCardCertificate request)
      throws KonnektorFault;
}
