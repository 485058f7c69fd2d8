package de.timkim.api.konnektor.soap;

import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.KonnektorFault;
import de.timkim.connector.soap.wire.Namespaces;
import de.timkim.connector.soap.wire.SignatureServiceMessages;
import de.timkim.connector.soap.wire.SignatureServicePortType;
import jakarta.jws.WebService;
import java.math.BigInteger;

/** SignatureService SignDocument (CMS only) and VerifyDocument of the software Konnektor. */
@WebService(
    serviceName = "SignatureService",
    portName = "SignatureServicePort",
    targetNamespace = "http://ws.gematik.de/conn/SignatureService/WSDL/v7.5",
    endpointInterface = "de.timkim.connector.soap.wire.SignatureServicePortType")
public class SignatureServiceEndpoint extends SoftwareKonnektorFacade
    implements SignatureServicePortType {

  @Override
  public SignatureServiceMessages.SignDocumentResponse signDocument(
      SignatureServiceMessages.SignDocument request) throws KonnektorFault {
    return run(
        connection -> {
          var response = new SignatureServiceMessages.SignDocumentResponse();
          for (var signRequest : request.signRequest) {
            var inputs = signRequest.optionalInputs;
            if (inputs != null
                && inputs.signatureType != null
                && !Namespaces.SIGNATURE_TYPE_CMS.equals(inputs.signatureType)) {
              throw new KonnektorException(
                  4111, "ungültiger Signaturtyp oder Signaturvariante: " + inputs.signatureType);
            }
            boolean include = inputs == null || !Boolean.FALSE.equals(inputs.includeEContent);
            byte[] signature =
                connection.signDocument(
                    KonnektorFault.context(request.context),
                    request.cardHandle,
                    EncryptionServiceEndpoint.crypt(request.crypt),
                    signRequest.document.content(),
                    include);
            var signResponse = new SignatureServiceMessages.SignResponse();
            signResponse.requestId = signRequest.requestId;
            signResponse.status = Common.Status.ok();
            signResponse.signatureObject =
                Common.SignatureObject.of(signature, Namespaces.SIGNATURE_TYPE_CMS);
            response.signResponse.add(signResponse);
          }
          return response;
        });
  }

  @Override
  public SignatureServiceMessages.VerifyDocumentResponse verifyDocument(
      SignatureServiceMessages.VerifyDocument request) throws KonnektorFault {
    return run(
        connection -> {
          if (request.signatureObject == null || request.signatureObject.signature() == null) {
            throw new KonnektorException(KonnektorErrorCode.SYNTAX_ERROR, "No SignatureObject");
          }
          SignatureVerification result =
              connection.verifyDocument(
                  KonnektorFault.context(request.context),
                  request.signatureObject.signature(),
                  request.document == null ? null : request.document.content());
          var response = new SignatureServiceMessages.VerifyDocumentResponse();
          response.status = Common.Status.ok();
          if (!result.valid() && result.reason() != null) {
            // the reason travels as a warning in Status, as Konnektors report check details
            Common.Trace trace = new Common.Trace();
            trace.compType = "Konnektor";
            trace.code = BigInteger.valueOf(4115);
            trace.severity = "Warning";
            trace.errorType = "Security";
            trace.errorText = result.reason();
            response.status.result = "Warning";
            response.status.error = new Common.TelematikError();
            response.status.error.timestamp = KonnektorFault.timestamp();
            response.status.error.trace.add(trace);
          }
          response.verificationResult = new SignatureServiceMessages.VerificationResult();
          response.verificationResult.highLevelResult = result.result().name();
          response.verificationResult.timestamp = KonnektorFault.timestamp();
          return response;
        });
  }
}
