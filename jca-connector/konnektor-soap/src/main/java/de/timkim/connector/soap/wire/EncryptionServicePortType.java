package de.timkim.connector.soap.wire;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** EncryptionService v6.1 (EncryptionService_v6_1_1.wsdl): EncryptDocument and DecryptDocument. */
@WebService(name = "EncryptionServicePortType", targetNamespace = Namespaces.CRYPT_WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface EncryptionServicePortType {

  @WebMethod(
      operationName = "EncryptDocument",
      action = "http://ws.gematik.de/conn/EncryptionService/v6.1#EncryptDocument")
  @WebResult(
      name = "EncryptDocumentResponse",
      targetNamespace = Namespaces.CRYPT,
      partName = "parameter")
  EncryptionServiceMessages.EncryptDocumentResponse encryptDocument(
      @WebParam(
              name = "EncryptDocument",
              targetNamespace = Namespaces.CRYPT,
              partName = "parameter")
          EncryptionServiceMessages.EncryptDocument request)
      throws KonnektorFault;

  // the WSDL's SOAPAction for DecryptDocument really has ".../conn/crypt/..." (unlike Encrypt)
  @WebMethod(
      operationName = "DecryptDocument",
      action = "http://ws.gematik.de/conn/crypt/EncryptionService/v6.1#DecryptDocument")
  @WebResult(
      name = "DecryptDocumentResponse",
      targetNamespace = Namespaces.CRYPT,
      partName = "parameter")
  EncryptionServiceMessages.DecryptDocumentResponse decryptDocument(
      @WebParam(
              name = "DecryptDocument",
              targetNamespace = Namespaces.CRYPT,
              partName = "parameter")
          EncryptionServiceMessages.DecryptDocument request)
      throws KonnektorFault;
}
