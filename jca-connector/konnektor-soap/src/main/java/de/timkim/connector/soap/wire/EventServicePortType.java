package de.timkim.connector.soap.wire;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** EventService v7.2 (EventService.wsdl), the GetCards operation. */
@WebService(name = "EventServicePortType", targetNamespace = Namespaces.EVT_WSDL)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface EventServicePortType {

  @WebMethod(
      operationName = "GetCards",
      action = "http://ws.gematik.de/conn/EventService/v7.2#GetCards")
  @WebResult(name = "GetCardsResponse", targetNamespace = Namespaces.EVT, partName = "parameter")
  EventServiceMessages.GetCardsResponse getCards(
      @WebParam(name = "GetCards", targetNamespace = Namespaces.EVT, partName = "parameter")
          EventServiceMessages.GetCards request)
      throws KonnektorFault;
}
