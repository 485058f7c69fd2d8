package de.timkim.api.konnektor.soap;

import de.timkim.connector.Crypt;
import de.timkim.connector.soap.wire.AuthSignatureServicePortType;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.KonnektorFault;
import de.timkim.connector.soap.wire.SignatureServiceMessages;
import jakarta.jws.WebService;

/** AuthSignatureService ExternalAuthenticate of the software Konnektor. */
@WebService(
    serviceName = "AuthSignatureService",
    portName = "AuthSignatureServicePort",
    targetNamespace = "http://ws.gematik.de/conn/AuthSignatureService/WSDL/v7.4",
    endpointInterface = "de.timkim.connector.soap.wire.AuthSignatureServicePortType")
public class AuthSignatureServiceEndpoint extends SoftwareKonnektorFacade
    implements AuthSignatureServicePortType {

  @Override
  public SignatureServiceMessages.ExternalAuthenticateResponse externalAuthenticate(
      SignatureServiceMessages.ExternalAuthenticate request) throws KonnektorFault {
    return run(
        connection -> {
          boolean ecc =
              request.optionalInputs != null
                  && "urn:bsi:tr:03111:ecdsa".equals(request.optionalInputs.signatureType);
          byte[] signature =
              connection.externalAuthenticate(
                  KonnektorFault.context(request.context),
                  request.cardHandle,
                  ecc ? Crypt.ECC : Crypt.RSA,
                  request.binaryString.base64Data.value);
          var response = new SignatureServiceMessages.ExternalAuthenticateResponse();
          response.status = Common.Status.ok();
          response.signatureObject =
              Common.SignatureObject.of(
                  signature, ecc ? "urn:bsi:tr:03111:ecdsa" : "urn:ietf:rfc:3447");
          return response;
        });
  }
}
