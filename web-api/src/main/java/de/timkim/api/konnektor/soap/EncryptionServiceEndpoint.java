package de.timkim.api.konnektor.soap;

import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.EncryptionServiceMessages;
import de.timkim.connector.soap.wire.EncryptionServicePortType;
import de.timkim.connector.soap.wire.KonnektorFault;
import jakarta.jws.WebService;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** EncryptionService EncryptDocument and DecryptDocument (CMS) of the software Konnektor. */
@WebService(
    serviceName = "EncryptionService",
    portName = "EncryptionServicePort",
    targetNamespace = "http://ws.gematik.de/conn/EncryptionService/WSDL/v6.1",
    endpointInterface = "de.timkim.connector.soap.wire.EncryptionServicePortType")
public class EncryptionServiceEndpoint extends SoftwareKonnektorFacade
    implements EncryptionServicePortType {

  @Override
  public EncryptionServiceMessages.EncryptDocumentResponse encryptDocument(
      EncryptionServiceMessages.EncryptDocument request) throws KonnektorFault {
    return run(
        connection -> {
          var context = KonnektorFault.context(request.context);
          List<X509Certificate> recipients = new ArrayList<>();
          var onCard = request.recipientKeys.certificateOnCard;
          if (onCard != null) {
            recipients.add(
                connection.readCardCertificate(
                    context, onCard.cardHandle, CertRef.ENC, crypt(onCard.crypt)));
          }
          try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : request.recipientKeys.certificate) {
              recipients.add(
                  (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
          } catch (CertificateException e) {
            throw new KonnektorException(
                KonnektorErrorCode.SYNTAX_ERROR, "Bad recipient certificate", e);
          }
          var response = new EncryptionServiceMessages.EncryptDocumentResponse();
          response.status = Common.Status.ok();
          response.document =
              Common.Document.of(
                  connection.encryptDocument(context, recipients, request.document.content()),
                  "application/pkcs7-mime");
          return response;
        });
  }

  @Override
  public EncryptionServiceMessages.DecryptDocumentResponse decryptDocument(
      EncryptionServiceMessages.DecryptDocument request) throws KonnektorFault {
    return run(
        connection -> {
          var key = request.privateKeyOnCard;
          var response = new EncryptionServiceMessages.DecryptDocumentResponse();
          response.status = Common.Status.ok();
          response.document =
              Common.Document.of(
                  connection.decryptDocument(
                      KonnektorFault.context(request.context),
                      key.cardHandle,
                      crypt(key.crypt),
                      request.document.content()),
                  "application/octet-stream");
          return response;
        });
  }

  /** The Crypt parameter: RSA when absent, as Konnektors default to RSA. */
  static Crypt crypt(String crypt) throws KonnektorException {
    if (crypt == null || crypt.isBlank() || "RSA".equals(crypt)) {
      return Crypt.RSA;
    }
    if ("ECC".equals(crypt)) {
      return Crypt.ECC;
    }
    throw new KonnektorException(
        KonnektorErrorCode.SYNTAX_ERROR, "Crypt " + crypt + " not supported here (RSA, ECC)");
  }
}
