package de.timkim.api.konnektor.tools;

import de.timkim.api.ops.admin.OperatorOnly;
import de.timkim.connector.CardInfo;
import de.timkim.connector.CardType;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.KonnektorTarget;
import de.timkim.connector.PinState;
import de.timkim.connector.PinType;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.konnektor.KonnektorTestTools;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;

/**
 * Konnektor test tools for operators of test installations: the switch {@code
 * tim.konnektor.test-tools.enabled} and the operator's credentials. Every path takes an optional
 * {@code konnektor} query parameter: the base URL of a Konnektor's SOAP services to use instead of
 * the configured backend, which must be the configured SOAP Konnektor or start with one of {@code
 * tim.konnektor.test-tools.allowed-urls} (no requests to arbitrary hosts). Bodies of
 * sign/encrypt/decrypt are raw bytes (CMS in DER).
 */
@OperatorOnly
@Path("_tim/v1/konnektor")
@Produces(MediaType.APPLICATION_JSON)
public class KonnektorToolsResource {

  private static final String CMS = "application/pkcs7-mime";

  @Inject KonnektorTestTools tools;

  /** GET /_tim/v1/konnektor/cards — the SMC-Bs and HBAs in the default context. */
  @GET
  @Path("cards")
  public JsonObject cards(@QueryParam("konnektor") String konnektor) throws KonnektorException {
    JsonArrayBuilder cards = Jsonp.createArrayBuilder();
    for (CardInfo card : tools.cards(target(konnektor))) {
      cards.add(json(card));
    }
    return Jsonp.createObjectBuilder().add("cards", cards).build();
  }

  /**
   * POST /_tim/v1/konnektor/test-cards — issues a software test card: {@code {"type": "SMC-B" |
   * "HBA", "holder_name", "telematik_id", "profession_oid", "mandant_id"?, "certificates"?: "VALID"
   * | "EXPIRED" | "REVOKED", "ocsp_url"?: the AIA OCSP responder, one of
   * tim.konnektor.test-tools.allowed-urls; default the test PKI's own}}.
   */
  @POST
  @Path("test-cards")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject issueTestCard(JsonObject body) throws KonnektorException {
    TestCardRequest request;
    try {
      request =
          new TestCardRequest(
              CardType.fromWireName(body.getString("type", "")),
              body.getString("holder_name", null),
              body.getString("telematik_id", null),
              body.getString("profession_oid", null),
              body.getString("mandant_id", null),
              TestCardRequest.CertificateState.valueOf(body.getString("certificates", "VALID")),
              body.getString("ocsp_url", null));
    } catch (IllegalArgumentException | KonnektorException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, e.getMessage());
    }
    return json(tools.issueTestCard(request));
  }

  /**
   * POST /_tim/v1/konnektor/cards/{handle}/revoke — revokes a software test card: the test PKI's
   * OCSP responder ({@code /ti-konnektor/ocsp}) answers revoked for its certificates from now on.
   */
  @POST
  @Path("cards/{handle}/revoke")
  public JsonObject revokeTestCard(@PathParam("handle") String handle) throws KonnektorException {
    tools.revokeTestCard(handle);
    return Jsonp.createObjectBuilder().add("card_handle", handle).add("revoked", true).build();
  }

  /** POST /_tim/v1/konnektor/cards/{handle}/sign?crypt=RSA|ECC&detached=false — CMS SignedData. */
  @POST
  @Path("cards/{handle}/sign")
  @Consumes(MediaType.WILDCARD)
  @Produces(CMS)
  public byte[] sign(
      @PathParam("handle") String handle,
      @QueryParam("crypt") String crypt,
      @QueryParam("detached") boolean detached,
      @QueryParam("konnektor") String konnektor,
      byte[] content)
      throws KonnektorException {
    return tools.sign(target(konnektor), handle, crypt(crypt), content, detached);
  }

  /** POST /_tim/v1/konnektor/verify — checks the CMS SignedData in the body. */
  @POST
  @Path("verify")
  @Consumes(MediaType.WILDCARD)
  public JsonObject verify(@QueryParam("konnektor") String konnektor, byte[] signedData)
      throws KonnektorException {
    SignatureVerification result = tools.verify(target(konnektor), signedData, null);
    var body = Jsonp.createObjectBuilder().add("result", result.result().name());
    if (result.reason() != null) {
      body.add("reason", result.reason());
    }
    if (result.signer() != null) {
      body.add("signer", result.signer().getSubjectX500Principal().getName());
    }
    return body.build();
  }

  /**
   * POST /_tim/v1/konnektor/cards/{handle}/encrypt?crypt= — AuthEnvelopedData (AES-256-GCM) for the
   * card's C.ENC.
   */
  @POST
  @Path("cards/{handle}/encrypt")
  @Consumes(MediaType.WILDCARD)
  @Produces(CMS)
  public byte[] encrypt(
      @PathParam("handle") String handle,
      @QueryParam("crypt") String crypt,
      @QueryParam("konnektor") String konnektor,
      byte[] content)
      throws KonnektorException {
    return tools.encryptForCard(target(konnektor), handle, crypt(crypt), content);
  }

  /**
   * POST /_tim/v1/konnektor/cards/{handle}/decrypt?crypt= — the content of an AuthEnvelopedData or
   * EnvelopedData.
   */
  @POST
  @Path("cards/{handle}/decrypt")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public byte[] decrypt(
      @PathParam("handle") String handle,
      @QueryParam("crypt") String crypt,
      @QueryParam("konnektor") String konnektor,
      byte[] envelopedData)
      throws KonnektorException {
    return tools.decrypt(target(konnektor), handle, crypt(crypt), envelopedData);
  }

  /**
   * POST /_tim/v1/konnektor/cards/{handle}/verify-pin — {@code {"pin_type": "PIN.SMC", "pin"?}};
   * without "pin" the Konnektor asks at the card terminal.
   */
  @POST
  @Path("cards/{handle}/verify-pin")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject verifyPin(
      @PathParam("handle") String handle,
      @QueryParam("konnektor") String konnektor,
      JsonObject body)
      throws KonnektorException {
    PinType pinType = PinType.fromWireName(body.getString("pin_type", ""));
    String pin = body.getString("pin", null);
    PinState state =
        tools.verifyPin(target(konnektor), handle, pinType, pin == null ? null : pin.toCharArray());
    return Jsonp.createObjectBuilder()
        .add("status", state.status().name())
        .add("left_tries", state.leftTries())
        .build();
  }

  /**
   * POST /_tim/v1/konnektor/cards/{handle}/external-authenticate?crypt= — body: a SHA-256 digest;
   * answers {"signature": base64}.
   */
  @POST
  @Path("cards/{handle}/external-authenticate")
  @Consumes(MediaType.WILDCARD)
  public JsonObject externalAuthenticate(
      @PathParam("handle") String handle,
      @QueryParam("crypt") String crypt,
      @QueryParam("konnektor") String konnektor,
      byte[] digest)
      throws KonnektorException {
    byte[] signature = tools.externalAuthenticate(target(konnektor), handle, crypt(crypt), digest);
    return Jsonp.createObjectBuilder()
        .add("signature", Base64.getEncoder().encodeToString(signature))
        .build();
  }

  /**
   * GET /_tim/v1/konnektor/cards/{handle}/certificate?ref=C.AUT&crypt=RSA — ReadCardCertificate:
   * {"certificate": base64 DER}.
   */
  @GET
  @Path("cards/{handle}/certificate")
  public JsonObject certificate(
      @PathParam("handle") String handle,
      @QueryParam("ref") String ref,
      @QueryParam("crypt") String crypt,
      @QueryParam("konnektor") String konnektor)
      throws KonnektorException {
    var certificate =
        tools.readCardCertificate(
            target(konnektor),
            handle,
            de.timkim.connector.CertRef.fromWireName(ref == null ? "C.AUT" : ref),
            crypt(crypt));
    try {
      return Jsonp.createObjectBuilder()
          .add("certificate", Base64.getEncoder().encodeToString(certificate.getEncoded()))
          .build();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new MatrixException(ErrorCode.M_UNKNOWN, "Certificate not encodable");
    }
  }

  private static Optional<KonnektorTarget> target(String konnektor) {
    if (konnektor == null || konnektor.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(KonnektorTarget.soap(URI.create(konnektor)));
    } catch (IllegalArgumentException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "konnektor: " + e.getMessage());
    }
  }

  private static Crypt crypt(String crypt) {
    try {
      return crypt == null ? Crypt.RSA : Crypt.valueOf(crypt);
    } catch (IllegalArgumentException e) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "crypt must be RSA or ECC");
    }
  }

  private static JsonObject json(CardInfo card) {
    var body =
        Jsonp.createObjectBuilder()
            .add("card_handle", card.cardHandle())
            .add("type", card.type().wireName());
    if (card.iccsn() != null) {
      body.add("iccsn", card.iccsn());
    }
    if (card.holderName() != null) {
      body.add("holder_name", card.holderName());
    }
    return body.build();
  }
}
