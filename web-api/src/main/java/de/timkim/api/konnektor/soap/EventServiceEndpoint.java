package de.timkim.api.konnektor.soap;

import de.timkim.connector.CardInfo;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.EventServiceMessages;
import de.timkim.connector.soap.wire.EventServicePortType;
import de.timkim.connector.soap.wire.KonnektorFault;
import jakarta.jws.WebService;
import java.math.BigInteger;

/** EventService GetCards of the software Konnektor. */
@WebService(
    serviceName = "EventService",
    portName = "EventServicePort",
    targetNamespace = "http://ws.gematik.de/conn/EventService/WSDL/v7.2",
    endpointInterface = "de.timkim.connector.soap.wire.EventServicePortType")
public class EventServiceEndpoint extends SoftwareKonnektorFacade implements EventServicePortType {

  @Override
  public EventServiceMessages.GetCardsResponse getCards(EventServiceMessages.GetCards request)
      throws KonnektorFault {
    return run(
        connection -> {
          var response = new EventServiceMessages.GetCardsResponse();
          response.status = Common.Status.ok();
          int slot = 1;
          for (CardInfo card : connection.getCards(KonnektorFault.context(request.context))) {
            if (request.cardType != null && !request.cardType.equals(card.type().wireName())) {
              continue;
            }
            var wire = new EventServiceMessages.CardInfo();
            wire.cardHandle = card.cardHandle();
            wire.cardType = card.type().wireName();
            wire.iccsn = card.iccsn();
            wire.ctId = "software-terminal";
            wire.slotId = BigInteger.valueOf(slot++);
            wire.insertTime = KonnektorFault.timestamp();
            wire.cardHolderName = card.holderName();
            response.cards.card.add(wire);
          }
          return response;
        });
  }
}
