package de.timkim.connector.soap.wire;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** AuthSignatureService v7.4 (AuthSignatureService_v7_4_1.wsdl): ExternalAuthenticate. */
@WebService(name = "AuthSignatureServicePortType", targetNamespace = Namespaces.AUTH_WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface AuthSignatureServicePortType {

  @WebMethod(
      operationName = "ExternalAuthenticate",
      action = "http://ws.gematik.de/conn/SignatureService/v7.4#ExternalAuthenticate")
  @WebResult(
      name = "ExternalAuthenticateResponse",
      targetNamespace = Namespaces.SIG74,
      partName = "parameter")
  SignatureServiceMessages.ExternalAuthenticateResponse externalAuthenticate(
      @WebParam(
              name = "ExternalAuthenticate",
              targetNamespace = Namespaces.SIG74,
              partName = "parameter")
          SignatureServiceMessages.ExternalAuthenticate request)
      throws KonnektorFault;
}
