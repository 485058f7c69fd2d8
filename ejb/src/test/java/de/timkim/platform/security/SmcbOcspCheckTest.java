package de.timkim.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCSP check against a real responder: a Bouncy Castle responder over HTTP in the test, signing
 * with the test CA's key (or a delegated or foreign key), answering good, revoked or unknown.
 */
class SmcbOcspCheckTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private KeyPair caKeys;
  private X509Certificate ca;
  private KeyPair cardKeys;
  private HttpServer server;
  private URI responderUri;
  private final AtomicInteger requests = new AtomicInteger();

  /** What the test responder answers; set per test. */
  private CertificateStatus answer = CertificateStatus.GOOD;

  private Duration nextUpdateIn = Duration.ofMinutes(30);
  private PrivateKey signingKey;
  private X509Certificate signingCertificate;
  private boolean echoNonce = true;

  @BeforeEach
  void startResponder() throws Exception {
    caKeys = keys();
    ca =
        certificate(
            "CN=Test SMC-B CA,C=DE",
            "CN=Test SMC-B CA,C=DE",
            caKeys,
            caKeys.getPrivate(),
            true,
            null,
            null);
    cardKeys = keys();
    signingKey = caKeys.getPrivate();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ocsp",
        exchange -> {
          requests.incrementAndGet();
          try (InputStream in = exchange.getRequestBody()) {
            if (!"application/ocsp-request"
                    .equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                || !"POST".equals(exchange.getRequestMethod())) {
              exchange.sendResponseHeaders(415, -1);
              return;
            }
            byte[] body = respond(new OCSPReq(in.readAllBytes()));
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
    responderUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
  }

  @AfterEach
  void stopResponder() {
    server.stop(0);
  }

  private byte[] respond(OCSPReq request) throws Exception {
    Req single = request.getRequestList()[0];
    CertificateID id = single.getCertID();
    BasicOCSPRespBuilder builder =
        new BasicOCSPRespBuilder(
            new RespID(
                new JcaX509CertificateHolder(signingCertificate == null ? ca : signingCertificate)
                    .getSubject()));
    Date thisUpdate = Date.from(NOW.minus(Duration.ofMinutes(1)));
    Date nextUpdate = Date.from(NOW.plus(nextUpdateIn));
    builder.addResponse(id, answer, thisUpdate, nextUpdate);
    Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (nonce != null && echoNonce) {
      builder.setResponseExtensions(new Extensions(nonce));
    } else if (!echoNonce) {
      builder.setResponseExtensions(
          new Extensions(
              new Extension(
                  OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                  false,
                  new DEROctetString(new DEROctetString(new byte[16])))));
    }
    X509CertificateHolder[] chain =
        signingCertificate == null
            ? null
            : new X509CertificateHolder[] {new JcaX509CertificateHolder(signingCertificate)};
    return new OCSPRespBuilder()
        .build(
            OCSPRespBuilder.SUCCESSFUL,
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey),
                chain,
                Date.from(NOW)))
        .getEncoded();
  }

  private SmcbOcspCheck check(Optional<URI> override) {
    return new SmcbOcspCheck(
        new SmcbOcspCheck.Settings(true, override, Duration.ofSeconds(2)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private X509Certificate card(URI aia) throws Exception {
    return certificate(
        "CN=Praxis Test,C=DE",
        "CN=Test SMC-B CA,C=DE",
        cardKeys,
        caKeys.getPrivate(),
        false,
        aia,
        null);
  }

  @Test
  void goodCardPassesAndIsAskedOnceUntilNextUpdate() throws Exception {
    X509Certificate card = card(responderUri);
    SmcbOcspCheck check = check(Optional.empty());
    check.requireNotRevoked(card, ca);
    check.requireNotRevoked(card, ca);
    assertEquals(1, requests.get(), "the second check is answered from the cache");
  }

  @Test
  void revokedCardIsRefusedWithClearError() throws Exception {
    answer = new RevokedStatus(Date.from(NOW.minus(Duration.ofHours(2))), CRLReason.keyCompromise);
    SmcbOcspCheck.RevocationRefused refused =
        assertThrows(
            SmcbOcspCheck.RevocationRefused.class,
            () -> check(Optional.empty()).requireNotRevoked(card(responderUri), ca));
    assertTrue(refused.revoked());
    assertTrue(refused.getMessage().contains("revoked"), refused.getMessage());
  }

  @Test
  void unknownCardIsRefused() throws Exception {
    answer = new UnknownStatus();
    SmcbOcspCheck.RevocationRefused refused =
        assertThrows(
            SmcbOcspCheck.RevocationRefused.class,
            () -> check(Optional.empty()).requireNotRevoked(card(responderUri), ca));
    assertFalse(refused.revoked());
  }

  @Test
  void unreachableResponderIsRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    X509Certificate card = card(URI.create("http://127.0.0.1:" + closedPort + "/ocsp"));
    assertThrows(
        SmcbOcspCheck.RevocationRefused.class,
        () -> check(Optional.empty()).requireNotRevoked(card, ca));
  }

  @Test
  void cardWithoutResponderIsRefusedUnlessOneIsConfigured() throws Exception {
    X509Certificate card = card(null);
    assertThrows(
        SmcbOcspCheck.RevocationRefused.class,
        () -> check(Optional.empty()).requireNotRevoked(card, ca));
    check(Optional.of(responderUri)).requireNotRevoked(card, ca);
    assertEquals(1, requests.get());
  }

  @Test
  void responseSignedByAnotherKeyIsRefused() throws Exception {
    signingKey = keys().getPrivate();
    assertThrows(
        SmcbOcspCheck.RevocationRefused.class,
        () -> check(Optional.empty()).requireNotRevoked(card(responderUri), ca));
  }

  @Test
  void delegatedResponderOfTheCaIsAcceptedOnlyWithOcspSigning() throws Exception {
    KeyPair responderKeys = keys();
    signingKey = responderKeys.getPrivate();
    signingCertificate =
        certificate(
            "CN=Test OCSP Responder,C=DE",
            "CN=Test SMC-B CA,C=DE",
            responderKeys,
            caKeys.getPrivate(),
            false,
            null,
            KeyPurposeId.id_kp_OCSPSigning);
    check(Optional.empty()).requireNotRevoked(card(responderUri), ca);

    signingCertificate =
        certificate(
            "CN=Test TLS Server,C=DE",
            "CN=Test SMC-B CA,C=DE",
            responderKeys,
            caKeys.getPrivate(),
            false,
            null,
            KeyPurposeId.id_kp_serverAuth);
    assertThrows(
        SmcbOcspCheck.RevocationRefused.class,
        () -> check(Optional.empty()).requireNotRevoked(card(responderUri), ca));
  }

  @Test
  void staleResponseIsRefused() throws Exception {
    nextUpdateIn = Duration.ofMinutes(-30);
    assertThrows(
        SmcbOcspCheck.RevocationRefused.class,
        () -> check(Optional.empty()).requireNotRevoked(card(responderUri), ca));
  }

  @Test
  void replayedNonceIsRefused() throws Exception {
    echoNonce = false;
    assertThrows(
        SmcbOcspCheck.RevocationRefused.class,
        () -> check(Optional.empty()).requireNotRevoked(card(responderUri), ca));
  }

  @Test
  void offByConfigurationAsksNoResponder() throws Exception {
    answer = new RevokedStatus(Date.from(NOW.minus(Duration.ofHours(2))), CRLReason.keyCompromise);
    new SmcbOcspCheck(
            new SmcbOcspCheck.Settings(false, Optional.empty(), Duration.ofSeconds(2)),
            Clock.fixed(NOW, ZoneOffset.UTC))
        .requireNotRevoked(card(responderUri), ca);
    assertEquals(0, requests.get());
  }

  @Test
  void issuerIsFoundByNameAndKey() throws Exception {
    X509Certificate card = card(responderUri);
    X509Certificate impostor =
        certificate(
            "CN=Test SMC-B CA,C=DE",
            "CN=Test SMC-B CA,C=DE",
            keys(),
            caKeys.getPrivate(),
            true,
            null,
            null);
    assertEquals(ca, SmcbOcspCheck.issuerOf(card, List.of(impostor, ca)));
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      String subject,
      String issuer,
      KeyPair subjectKeys,
      PrivateKey issuerKey,
      boolean isCa,
      URI ocsp,
      KeyPurposeId purpose)
      throws Exception {
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            new X500Name(subject),
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (ocsp != null) {
      builder.addExtension(
          Extension.authorityInfoAccess,
          false,
          new AuthorityInformationAccess(
              new AccessDescription(
                  AccessDescription.id_ad_ocsp,
                  new GeneralName(GeneralName.uniformResourceIdentifier, ocsp.toString()))));
    }
    if (purpose != null) {
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }
}
