package de.timkim.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Revocation status of an SMC-B's C.HCI.AUT certificate by OCSP (RFC 6960; gemSpec_PKI: SHA-1
 * CertID, responder from the certificate's AuthorityInformationAccess), for both registrations
 * (security review, finding 18). Fails closed: only a fresh {@code good} signed by the issuing CA
 * (or a responder certificate it issued for id-kp-OCSPSigning) passes; {@code revoked}, {@code
 * unknown}, an unreachable responder or a response that does not verify refuse. Off only by
 * explicit configuration ({@code tim.smcb.ocsp=off}).
 *
 * <p>Good answers are cached until their nextUpdate (at most {@link #MAX_CACHE_AGE}, at most {@link
 * #MAX_CACHE_ENTRIES} certificates) so that not every request costs an OCSP call. The cache is per
 * node: a node that has not seen a revocation yet may accept the card until nextUpdate, the same
 * window the responder itself grants.
 */
@ApplicationScoped
public class SmcbOcspCheck {

  private static final Logger LOG = Logger.getLogger(SmcbOcspCheck.class.getName());
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Clock skew tolerated between this server and the responder for thisUpdate/nextUpdate. */
  static final Duration SKEW = Duration.ofMinutes(5);

  /** A response without nextUpdate is accepted only this long after its thisUpdate. */
  static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofHours(24);

  static final Duration MAX_CACHE_AGE = Duration.ofHours(1);
  static final int MAX_CACHE_ENTRIES = 10_000;

  /** Why a certificate's status refuses it; the message is safe to show to the caller. */
  public static final class RevocationRefused extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean revoked;

    RevocationRefused(boolean revoked, String message) {
      super(message);
      this.revoked = revoked;
    }

    /** True if the responder said revoked; false if the status could not be established. */
    public boolean revoked() {
      return revoked;
    }
  }

  private final Map<String, Instant> goodUntil = new ConcurrentHashMap<>();
  private volatile Settings settings;
  private Clock clock = Clock.systemUTC();
  private HttpClient http;

  record Settings(boolean enabled, Optional<URI> responder, Duration timeout) {
    static Settings fromConfig() {
      Config config = ConfigProvider.getConfig();
      String mode = config.getOptionalValue("tim.smcb.ocsp", String.class).orElse("on").trim();
      Optional<URI> responder =
          config
              .getOptionalValue("tim.smcb.ocsp.responder-url", String.class)
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(URI::create);
      long timeoutMillis =
          config.getOptionalValue("tim.smcb.ocsp.timeout-ms", Long.class).orElse(3000L);
      return new Settings(
          !mode.equalsIgnoreCase("off"), responder, Duration.ofMillis(timeoutMillis));
    }
  }

  public SmcbOcspCheck() {}

  /** For tests: fixed settings and clock instead of the MicroProfile configuration. */
  SmcbOcspCheck(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  private Settings settings() {
    Settings current = settings;
    if (current == null) {
      current = Settings.fromConfig();
      settings = current;
    }
    return current;
  }

  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(settings().timeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      http = client;
    }
    return client;
  }

  /**
   * Passes if OCSP is off or the responder says {@code good} for {@code certificate} issued by
   * {@code issuer}.
   *
   * @throws RevocationRefused revoked, unknown, unreachable, or a response that does not verify
   */
  public void requireNotRevoked(X509Certificate certificate, X509Certificate issuer)
      throws RevocationRefused {
    Settings current = settings();
    if (!current.enabled()) {
      return;
    }
    if (issuer == null) {
      throw unavailable("the issuing CA certificate is not known, its status cannot be checked");
    }
    Instant now = clock.instant();
    String key = cacheKey(certificate, issuer);
    Instant cached = goodUntil.get(key);
    if (cached != null && now.isBefore(cached)) {
      return;
    }
    Optional<URI> responder = current.responder().or(() -> responderOf(certificate));
    if (responder.isEmpty()) {
      throw unavailable("the certificate names no OCSP responder (AuthorityInformationAccess)");
    }
    try {
      CertificateID id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              new JcaX509CertificateHolder(issuer),
              certificate.getSerialNumber());
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      byte[] answer = post(responder.get(), current.timeout(), request(id, nonce));
      Instant until = verifiedGoodUntil(new OCSPResp(answer), id, nonce, issuer, now);
      if (until != null) {
        if (goodUntil.size() >= MAX_CACHE_ENTRIES) {
          goodUntil.clear();
        }
        goodUntil.put(key, until);
      }
    } catch (IOException e) {
      throw unavailable(
          "the OCSP responder is not reachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("the OCSP request was interrupted");
    } catch (OCSPException | OperatorCreationException | GeneralSecurityException e) {
      throw unavailable("the OCSP request could not be built: " + e.getMessage());
    }
  }

  /** An OCSP request for {@code id} with {@code nonce} (RFC 6960, RFC 8954). */
  private static OCSPReq request(CertificateID id, byte[] nonce) throws OCSPException, IOException {
    return new OCSPReqBuilder()
        .addRequest(id)
        .setRequestExtensions(
            new Extensions(
                new Extension(
                    OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false,
                    // RFC 8954: the nonce is an OCTET STRING inside extnValue
                    new DEROctetString(nonce).getEncoded())))
        .build();
  }

  /** POSTs {@code request} to the responder (RFC 6960 A.1); the body of a 200 answer. */
  private byte[] post(URI responder, Duration timeout, OCSPReq request)
      throws IOException, InterruptedException, RevocationRefused {
    HttpResponse<byte[]> answer =
        http()
            .send(
                HttpRequest.newBuilder(responder)
                    .timeout(timeout)
                    .header("Content-Type", "application/ocsp-request")
                    .header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() != 200) {
      throw unavailable("the OCSP responder answered HTTP " + answer.statusCode());
    }
    return answer.body();
  }

  /** The good answer's cache limit (null: do not cache); throws for anything but a fresh good. */
  private Instant verifiedGoodUntil(
      OCSPResp response, CertificateID id, byte[] nonce, X509Certificate issuer, Instant now)
      throws RevocationRefused, OCSPException, GeneralSecurityException, OperatorCreationException {
    if (response.getStatus() != OCSPResp.SUCCESSFUL) {
      throw unavailable(
          "the OCSP responder refused the request (status " + response.getStatus() + ")");
    }
    if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
      throw unavailable("the OCSP response is not a basic OCSP response");
    }
    if (!signedByIssuerOrDelegate(basic, issuer, now)) {
      throw unavailable(
          "the OCSP response is not signed by the issuing CA or a responder it authorised");
    }
    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    // RFC 6960 4.4.1: responders may pre-produce responses without the nonce; one that echoes a
    // nonce must echo ours (replay of an old response otherwise)
    if (echoed != null && !nonceMatches(echoed, nonce)) {
      throw unavailable("the OCSP response's nonce is not the one sent");
    }
    for (SingleResp single : basic.getResponses()) {
      if (!single.getCertID().equals(id)) {
        continue;
      }
      Instant thisUpdate = single.getThisUpdate().toInstant();
      Date next = single.getNextUpdate();
      if (thisUpdate.isAfter(now.plus(SKEW))) {
        throw unavailable("the OCSP response's thisUpdate is in the future");
      }
      if (next != null && next.toInstant().isBefore(now.minus(SKEW))) {
        throw unavailable("the OCSP response is stale (nextUpdate has passed)");
      }
      if (next == null && thisUpdate.isBefore(now.minus(MAX_AGE_WITHOUT_NEXT_UPDATE))) {
        throw unavailable("the OCSP response is stale (thisUpdate too old, no nextUpdate)");
      }
      CertificateStatus status = single.getCertStatus();
      if (status == CertificateStatus.GOOD) {
        if (next == null) {
          return null;
        }
        Instant limit = now.plus(MAX_CACHE_AGE);
        return next.toInstant().isBefore(limit) ? next.toInstant() : limit;
      }
      if (status instanceof RevokedStatus revoked) {
        throw new RevocationRefused(
            true,
            "The SMC-B certificate is revoked (OCSP, since "
                + revoked.getRevocationTime().toInstant()
                + ")");
      }
      throw unavailable("the OCSP responder does not know the certificate (unknown)");
    }
    throw unavailable("the OCSP response does not answer for this certificate");
  }

  private static boolean nonceMatches(Extension echoed, byte[] nonce) {
    byte[] value = echoed.getExtnValue().getOctets();
    if (Arrays.equals(value, nonce)) {
      return true;
    }
    try {
      // RFC 8954 and most responders: the nonce as an OCTET STRING inside the extension value
      return Arrays.equals(
          ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(value)).getOctets(), nonce);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * RFC 6960 4.2.2.2: the CA that issued the certificate signs, or a responder certificate issued
   * directly by that CA with id-kp-OCSPSigning, valid now.
   */
  private static boolean signedByIssuerOrDelegate(
      BasicOCSPResp basic, X509Certificate issuer, Instant now)
      throws OperatorCreationException, GeneralSecurityException {
    JcaContentVerifierProviderBuilder verifiers =
        new JcaContentVerifierProviderBuilder().setProvider(BC);
    try {
      if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
        return true;
      }
    } catch (OCSPException e) {
      // not the CA's own signature: try the delegated responders below
    }
    for (X509CertificateHolder holder : basic.getCerts()) {
      X509Certificate responder =
          new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
      try {
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
          continue;
        }
        responder.verify(issuer.getPublicKey(), BC);
        responder.checkValidity(Date.from(now));
        if (responder.getExtendedKeyUsage() == null
            || !responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
          continue;
        }
        if (basic.isSignatureValid(verifiers.build(responder.getPublicKey()))) {
          return true;
        }
      } catch (GeneralSecurityException | OCSPException e) {
        // not a valid delegate of this CA: ignore it
      }
    }
    return false;
  }

  /** The first HTTP OCSP responder of the certificate's AuthorityInformationAccess. */
  static Optional<URI> responderOf(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (extension == null) {
      return Optional.empty();
    }
    try {
      AuthorityInformationAccess access =
          AuthorityInformationAccess.getInstance(
              ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
      for (AccessDescription description : access.getAccessDescriptions()) {
        GeneralName location = description.getAccessLocation();
        if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
            && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
          String uri = location.getName().toString();
          if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return Optional.of(URI.create(uri));
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.fine(() -> "Unreadable AuthorityInformationAccess: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** The certificate among {@code candidates} that issued {@code certificate}, or null. */
  public static X509Certificate issuerOf(
      X509Certificate certificate, Collection<X509Certificate> candidates) {
    for (X509Certificate candidate : candidates) {
      if (!candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        continue;
      }
      try {
        certificate.verify(candidate.getPublicKey(), BC);
        return candidate;
      } catch (GeneralSecurityException e) {
        // same name, other key: keep looking
      }
    }
    return null;
  }

  private static String cacheKey(X509Certificate certificate, X509Certificate issuer) {
    BigInteger serial = certificate.getSerialNumber();
    return issuer.getSubjectX500Principal().getName()
        + '#'
        + Arrays.hashCode(issuer.getPublicKey().getEncoded())
        + '#'
        + serial.toString(16);
  }

  private static RevocationRefused unavailable(String why) {
    return new RevocationRefused(
        false, "The SMC-B certificate's revocation status cannot be established: " + why);
  }
}
