package de.timkim.connector.soap.wire;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** CardService v8.1 (CardService_v8_1_2.wsdl): GetPinStatus and VerifyPin. */
@WebService(name = "CardServicePortType", targetNamespace = Namespaces.CARD_WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface CardServicePortType {

  @WebMethod(
      operationName = "GetPinStatus",
      action = "http://ws.gematik.de/conn/CardService/v8.1#GetPinStatus")
  @WebResult(
      name = "GetPinStatusResponse",
      targetNamespace = Namespaces.CARD,
      partName = "parameter")
  CardServiceMessages.GetPinStatusResponse getPinStatus(
      @WebParam(name = "GetPinStatus", targetNamespace = Namespaces.CARD, partName = "parameter")
          CardServiceMessages.GetPinStatus request)
      throws KonnektorFault;

  @WebMethod(
      operationName = "VerifyPin",
      action = "http://ws.gematik.de/conn/CardService/v8.1#VerifyPin")
  @WebResult(name = "VerifyPinResponse", targetNamespace = Namespaces.CARD, partName = "parameter")
  CardServiceMessages.VerifyPinResponse verifyPin(
      @WebParam(name = "VerifyPin", targetNamespace = Namespaces.CARD, partName = "parameter")
          CardServiceMessages.VerifyPin request)
      throws KonnektorFault;
}
