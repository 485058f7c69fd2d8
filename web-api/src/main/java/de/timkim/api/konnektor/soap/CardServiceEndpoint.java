package de.timkim.api.konnektor.soap;

import de.timkim.connector.CardLockedException;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.PinState;
import de.timkim.connector.PinType;
import de.timkim.connector.WrongPinException;
import de.timkim.connector.soap.wire.CardServiceMessages;
import de.timkim.connector.soap.wire.CardServicePortType;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.KonnektorFault;
import jakarta.jws.WebService;
import java.math.BigInteger;

/**
 * CardService GetPinStatus and VerifyPin of the software Konnektor. VerifyPin carries no PIN on the
 * wire: the software Konnektor's terminal enters it, as a user would at a real card terminal.
 */
@WebService(
    serviceName = "CardService",
    portName = "CardServicePort",
    targetNamespace = "http://ws.gematik.de/conn/CardService/WSDL/v8.1",
    endpointInterface = "de.timkim.connector.soap.wire.CardServicePortType")
public class CardServiceEndpoint extends SoftwareKonnektorFacade implements CardServicePortType {

  @Override
  public CardServiceMessages.GetPinStatusResponse getPinStatus(
      CardServiceMessages.GetPinStatus request) throws KonnektorFault {
    return run(
        connection -> {
          PinState state =
              connection.getPinStatus(
                  KonnektorFault.context(request.context),
                  request.cardHandle,
                  PinType.fromWireName(request.pinTyp));
          var response = new CardServiceMessages.GetPinStatusResponse();
          response.status = Common.Status.ok();
          response.pinStatus = state.status().name();
          response.leftTries = BigInteger.valueOf(state.leftTries());
          return response;
        });
  }

  @Override
  public CardServiceMessages.VerifyPinResponse verifyPin(CardServiceMessages.VerifyPin request)
      throws KonnektorFault {
    return run(
        connection -> {
          var response = new CardServiceMessages.VerifyPinResponse();
          response.status = Common.Status.ok();
          // PIN outcomes are answers (PinResult), not faults, on the Konnektor's interface
          try {
            PinState state =
                connection.verifyPin(
                    KonnektorFault.context(request.context),
                    request.cardHandle,
                    PinType.fromWireName(request.pinTyp));
            response.pinResult = "OK";
            response.leftTries = BigInteger.valueOf(state.leftTries());
          } catch (WrongPinException e) {
            response.pinResult = "REJECTED";
            response.leftTries = BigInteger.valueOf(Math.max(e.leftTries(), 0));
          } catch (CardLockedException e) {
            response.pinResult =
                e.code() == KonnektorErrorCode.PIN_NOW_BLOCKED ? "NOWBLOCKED" : "WASBLOCKED";
            response.leftTries = BigInteger.ZERO;
          }
          return response;
        });
  }
}
