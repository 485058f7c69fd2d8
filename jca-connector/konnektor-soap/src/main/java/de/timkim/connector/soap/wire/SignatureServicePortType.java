package de.timkim.connector.soap.wire;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** SignatureService v7.5 (SignatureService_V7_5_6.wsdl): SignDocument and VerifyDocument. */
@WebService(name = "SignatureServicePortType", targetNamespace = Namespaces.SIG_WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface SignatureServicePortType {

  @WebMethod(
      operationName = "SignDocument",
      action = "http://ws.gematik.de/conn/SignatureService/v7.5#SignDocument")
  @WebResult(
      name = "SignDocumentResponse",
      targetNamespace = Namespaces.SIG,
      partName = "parameter")
  SignatureServiceMessages.SignDocumentResponse signDocument(
      @WebParam(name = "SignDocument", targetNamespace = Namespaces.SIG, partName = "parameter")
          SignatureServiceMessages.SignDocument request)
      throws KonnektorFault;

  @WebMethod(
      operationName = "VerifyDocument",
      action = "http://ws.gematik.de/conn/SignatureService/v7.5#VerifyDocument")
  @WebResult(
      name = "VerifyDocumentResponse",
      targetNamespace = Namespaces.SIG,
      partName = "parameter")
  SignatureServiceMessages.VerifyDocumentResponse verifyDocument(
      @WebParam(name = "VerifyDocument", targetNamespace = Namespaces.SIG, partName = "parameter")
          SignatureServiceMessages.VerifyDocument request)
      throws KonnektorFault;
}
