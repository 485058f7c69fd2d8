package de.timkim.connector.soap;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.ContentEncryption;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorUnavailableException;
import de.timkim.connector.PinState;
import de.timkim.connector.PinStatus;
import de.timkim.connector.PinType;
import de.timkim.connector.ProductInformation;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.WrongPinException;
import de.timkim.connector.backend.KonnektorBackend;
import de.timkim.connector.soap.wire.CardServiceMessages;
import de.timkim.connector.soap.wire.CertificateServiceMessages;
import de.timkim.connector.soap.wire.Common;
import de.timkim.connector.soap.wire.EncryptionServiceMessages;
import de.timkim.connector.soap.wire.EventServiceMessages;
import de.timkim.connector.soap.wire.KonnektorFault;
import de.timkim.connector.soap.wire.Namespaces;
import de.timkim.connector.soap.wire.SignatureServiceMessages;
import jakarta.xml.ws.WebServiceException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Konnektor over its SOAP services, reached through {@link SoapPorts}. A SOAP fault becomes
 * the KonnektorException of its TelematikError code; a Konnektor that does not answer within the
 * timeout becomes {@link KonnektorUnavailableException}.
 */
public final class SoapKonnektor implements KonnektorBackend {

  private final URI baseUrl;
  private final SoapPorts ports;
  private final KonnektorContext defaultContext;

  public SoapKonnektor(URI baseUrl, SoapSettings settings, KonnektorContext defaultContext) {
    this.baseUrl = baseUrl;
    this.ports = new SoapPorts(baseUrl, settings);
    this.defaultContext = defaultContext;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws KonnektorFault, KonnektorException;
  }

  private <T> T call(String operation, Call<T> call) throws KonnektorException {
    try {
      return call.run();
    } catch (KonnektorFault fault) {
      throw fault.toKonnektorException();
    } catch (WebServiceException e) {
      throw new KonnektorUnavailableException(
          "Konnektor at " + baseUrl + " did not answer " + operation + ": " + rootMessage(e), e);
    }
  }

  @Override
  public ProductInformation productInformation() throws KonnektorException {
    // a GetCards round trip proves the Konnektor answers; connector.sds is not modelled
    getCards(defaultContext);
    return new ProductInformation("Konnektor", baseUrl.getHost(), "SOAP", "soap");
  }

  @Override
  public List<CardInfo> getCards(KonnektorContext context) throws KonnektorException {
    var request = new EventServiceMessages.GetCards();
    request.context = KonnektorFault.context(context);
    var response = call("GetCards", () -> ports.events().getCards(request));
    List<CardInfo> cards = new ArrayList<>();
    for (var card : response.cards.card) {
      if (CardType.SMC_B.wireName().equals(card.cardType)
          || CardType.HBA.wireName().equals(card.cardType)) {
        cards.add(
            new CardInfo(
                card.cardHandle,
                CardType.fromWireName(card.cardType),
                card.iccsn,
                card.cardHolderName));
      }
    }
    return cards;
  }

  @Override
  public PinState getPinStatus(KonnektorContext context, String cardHandle, PinType pin)
      throws KonnektorException {
    var request = new CardServiceMessages.GetPinStatus();
    request.context = KonnektorFault.context(context);
    request.cardHandle = cardHandle;
    request.pinTyp = pin.wireName();
    var response = call("GetPinStatus", () -> ports.cardService().getPinStatus(request));
    return new PinState(
        PinStatus.valueOf(response.pinStatus),
        response.leftTries == null ? -1 : response.leftTries.intValue());
  }

  @Override
  public PinState verifyPin(KonnektorContext context, String cardHandle, PinType pin, char[] value)
      throws KonnektorException {
    if (value != null) {
      throw new KonnektorException(
          KonnektorErrorCode.PIN_ENTRY_BY_CLIENT_NOT_ALLOWED,
          "PIN-Eingabe über das Clientsystem ist nicht zugelassen: a real Konnektor asks at the card terminal");
    }
    var request = new CardServiceMessages.VerifyPin();
    request.context = KonnektorFault.context(context);
    request.cardHandle = cardHandle;
    request.pinTyp = pin.wireName();
    var response = call("VerifyPin", () -> ports.cardService().verifyPin(request));
    int left = response.leftTries == null ? -1 : response.leftTries.intValue();
    return switch (response.pinResult) {
      case "OK" -> new PinState(PinStatus.VERIFIED, left);
      case "REJECTED" ->
          throw new WrongPinException(
              "PIN falsch (REJECTED): " + pin.wireName() + " of card " + cardHandle, left);
      case "WASBLOCKED" ->
          throw new de.timkim.connector.CardLockedException(
              KonnektorErrorCode.PIN_BLOCKED, "PIN bereits blockiert (BLOCKED): " + cardHandle);
      case "NOWBLOCKED" ->
          throw new de.timkim.connector.CardLockedException(
              KonnektorErrorCode.PIN_NOW_BLOCKED, "PIN jetzt gesperrt (BLOCKED): " + cardHandle);
      case "TRANSPORT_PIN" ->
          throw new KonnektorException(
              KonnektorErrorCode.PIN_TRANSPORT_PROTECTED,
              "PIN ist transportgeschützt, Änderung erforderlich: " + cardHandle);
      default ->
          throw new KonnektorException(
              KonnektorErrorCode.INTERNAL_ERROR, "VerifyPin: " + response.pinResult);
    };
  }

  @Override
  public X509Certificate readCardCertificate(
      KonnektorContext context, String cardHandle, CertRef ref, Crypt crypt)
      throws KonnektorException {
    var request = new CertificateServiceMessages.ReadCardCertificate();
    request.context = KonnektorFault.context(context);
    request.cardHandle = cardHandle;
    request.certRefList.certRef.add(ref.wireName());
    request.crypt = crypt == null ? null : crypt.name();
    var response =
        call("ReadCardCertificate", () -> ports.certificates().readCardCertificate(request));
    for (var info : response.x509DataInfoList.x509DataInfo) {
      if (ref.wireName().equals(info.certRef) && info.x509Data != null) {
        return certificate(info.x509Data.x509Certificate);
      }
    }
    throw new KonnektorException(
        KonnektorErrorCode.CERTIFICATE_NOT_PRESENT,
        "Zertifikat nicht vorhanden: " + ref.wireName());
  }

  @Override
  public byte[] signDocument(
      KonnektorContext context,
      String cardHandle,
      Crypt crypt,
      byte[] content,
      boolean includeContent)
      throws KonnektorException {
    var signRequest = new SignatureServiceMessages.SignRequest();
    signRequest.requestId = "r1";
    signRequest.optionalInputs = new SignatureServiceMessages.SignOptionalInputs();
    signRequest.optionalInputs.signatureType = Namespaces.SIGNATURE_TYPE_CMS;
    signRequest.optionalInputs.includeEContent = includeContent;
    signRequest.document = Common.Document.of(content, "application/octet-stream");
    signRequest.document.id = "d1";
    var request = new SignatureServiceMessages.SignDocument();
    request.cardHandle = cardHandle;
    request.crypt = crypt == null ? null : crypt.name();
    request.context = KonnektorFault.context(context);
    request.signRequest.add(signRequest);
    var response = call("SignDocument", () -> ports.signatures().signDocument(request));
    if (response.signResponse.isEmpty() || response.signResponse.get(0).signatureObject == null) {
      throw new KonnektorException(
          KonnektorErrorCode.SIGNATURE_FAILED, "SignDocument answered without a signature");
    }
    return response.signResponse.get(0).signatureObject.signature();
  }

  @Override
  public SignatureVerification verifyDocument(
      KonnektorContext context, byte[] signedData, byte[] detachedContent)
      throws KonnektorException {
    var request = new SignatureServiceMessages.VerifyDocument();
    request.context = KonnektorFault.context(context);
    request.tvMode = "NONE";
    request.signatureObject = Common.SignatureObject.of(signedData, Namespaces.SIGNATURE_TYPE_CMS);
    if (detachedContent != null) {
      request.document = Common.Document.of(detachedContent, "application/octet-stream");
    }
    var response = call("VerifyDocument", () -> ports.signatures().verifyDocument(request));
    var result = SignatureVerification.Result.valueOf(response.verificationResult.highLevelResult);
    String reason =
        response.status.error == null || response.status.error.trace.isEmpty()
            ? null
            : response.status.error.trace.get(0).errorText;
    return new SignatureVerification(
        result, null, result == SignatureVerification.Result.VALID ? null : reason);
  }

  @Override
  public byte[] encryptDocument(
      KonnektorContext context,
      List<X509Certificate> recipients,
      byte[] content,
      ContentEncryption encryption)
      throws KonnektorException {
    if (encryption == ContentEncryption.AES_256_CBC) {
      // EncryptDocument has no parameter for the content cipher: the Konnektor chooses it
      throw new KonnektorException(
          KonnektorErrorCode.SYNTAX_ERROR,
          "EncryptDocument over SOAP cannot ask for AES-256-CBC EnvelopedData (KIM 1.0 format)");
    }
    var request = new EncryptionServiceMessages.EncryptDocument();
    request.context = KonnektorFault.context(context);
    try {
      for (X509Certificate recipient : recipients) {
        request.recipientKeys.certificate.add(recipient.getEncoded());
      }
    } catch (CertificateException e) {
      throw new KonnektorException(KonnektorErrorCode.SYNTAX_ERROR, "Bad recipient certificate", e);
    }
    request.document = Common.Document.of(content, "application/octet-stream");
    request.optionalInputs = new EncryptionServiceMessages.EncryptOptionalInputs();
    request.optionalInputs.encryptionType = Namespaces.ENCRYPTION_TYPE_CMS;
    var response = call("EncryptDocument", () -> ports.encryption().encryptDocument(request));
    return response.document.content();
  }

  @Override
  public byte[] decryptDocument(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] envelopedData)
      throws KonnektorException {
    var request = new EncryptionServiceMessages.DecryptDocument();
    request.context = KonnektorFault.context(context);
    request.privateKeyOnCard = new EncryptionServiceMessages.KeyOnCard();
    request.privateKeyOnCard.cardHandle = cardHandle;
    request.privateKeyOnCard.keyReference = CertRef.ENC.wireName();
    request.privateKeyOnCard.crypt = crypt == null ? null : crypt.name();
    request.document = Common.Document.of(envelopedData, "application/pkcs7-mime");
    var response = call("DecryptDocument", () -> ports.encryption().decryptDocument(request));
    return response.document.content();
  }

  @Override
  public byte[] externalAuthenticate(
      KonnektorContext context, String cardHandle, Crypt crypt, byte[] sha256Digest)
      throws KonnektorException {
    var request = new SignatureServiceMessages.ExternalAuthenticate();
    request.cardHandle = cardHandle;
    request.context = KonnektorFault.context(context);
    request.optionalInputs = new SignatureServiceMessages.AuthOptionalInputs();
    if (crypt == Crypt.ECC) {
      request.optionalInputs.signatureType = "urn:bsi:tr:03111:ecdsa";
    } else {
      request.optionalInputs.signatureType = "urn:ietf:rfc:3447";
      request.optionalInputs.signatureSchemes = "RSASSA-PSS";
    }
    request.binaryString = new SignatureServiceMessages.BinaryString();
    request.binaryString.base64Data = new Common.Base64Data();
    request.binaryString.base64Data.value = sha256Digest;
    var response =
        call("ExternalAuthenticate", () -> ports.authSignatures().externalAuthenticate(request));
    return response.signatureObject.signature();
  }

  @Override
  public CardInfo issueTestCard(TestCardRequest request) throws KonnektorException {
    throw new KonnektorException(
        KonnektorErrorCode.NONE,
        "Test cards come from the software Konnektor, not from a real one at " + baseUrl);
  }

  @Override
  public void revokeTestCard(String cardHandle) throws KonnektorException {
    throw new KonnektorException(
        KonnektorErrorCode.NONE,
        "Test cards are revoked in the software Konnektor, not in a real one at " + baseUrl);
  }

  @Override
  public byte[] testPkiOcspResponse(byte[] ocspRequest) throws KonnektorException {
    throw new KonnektorException(
        KonnektorErrorCode.NONE,
        "The test PKI's OCSP responder is the software Konnektor's, not a real one's at "
            + baseUrl);
  }

  @Override
  public void close() {
    ports.close();
  }

  private static X509Certificate certificate(byte[] der) throws KonnektorException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Konnektor sent a bad certificate", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
