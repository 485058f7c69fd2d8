package de.timkim.connector.soft;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The OCSP responder of the test PKI (RFC 6960): answers for certificates of its issuer CAs, signed
 * by the issuing CA's own key (no delegated responder), {@code revoked} for serials the test tools
 * revoked, {@code good} for the other serials of that CA, {@code unknown} for other CAs. Echoes the
 * request's nonce. Pure: the revoked serials come from the card store.
 */
final class TestPkiOcspResponder {

  /** How long an answer is valid (nextUpdate): short, so revocations in tests take effect. */
  static final Duration VALIDITY = Duration.ofMinutes(1);

  private TestPkiOcspResponder() {}

  /** The DER OCSPResponse to the DER OCSPRequest {@code requestDer}. */
  static byte[] respond(byte[] requestDer, List<TestPki.Issued> issuers, Set<BigInteger> revoked)
      throws GeneralSecurityException {
    try {
      OCSPReq request;
      try {
        request = new OCSPReq(requestDer);
      } catch (IOException | RuntimeException e) {
        return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
      }
      Req[] singles = request.getRequestList();
      if (singles.length == 0) {
        return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
      }
      // one signer per response: the CA of the first request (the checker asks one at a time)
      TestPki.Issued signer = issuerOf(singles[0].getCertID(), issuers);
      if (signer == null) {
        return new OCSPRespBuilder().build(OCSPRespBuilder.UNAUTHORIZED, null).getEncoded();
      }
      var holder = new JcaX509CertificateHolder(signer.certificate());
      var builder = new BasicOCSPRespBuilder(new RespID(holder.getSubject()));
      Instant now = Instant.now();
      Date thisUpdate = Date.from(now);
      Date nextUpdate = Date.from(now.plus(VALIDITY));
      for (Req single : singles) {
        CertificateID id = single.getCertID();
        CertificateStatus status;
        if (issuerOf(id, List.of(signer)) == null) {
          status = new UnknownStatus();
        } else if (revoked.contains(id.getSerialNumber())) {
          status = new RevokedStatus(thisUpdate, CRLReason.keyCompromise);
        } else {
          status = CertificateStatus.GOOD;
        }
        builder.addResponse(id, status, thisUpdate, nextUpdate);
      }
      Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (nonce != null) {
        builder.setResponseExtensions(new Extensions(nonce));
      }
      String algorithm =
          signer.key().getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      var basic =
          builder.build(
              new JcaContentSignerBuilder(algorithm)
                  .setProvider(BouncyCastle.provider())
                  .build(signer.key()),
              null,
              thisUpdate);
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    } catch (OCSPException | OperatorCreationException | IOException e) {
      throw new GeneralSecurityException("Cannot build the OCSP response", e);
    }
  }

  private static TestPki.Issued issuerOf(CertificateID id, List<TestPki.Issued> issuers)
      throws OCSPException, OperatorCreationException, GeneralSecurityException {
    var digests = new JcaDigestCalculatorProviderBuilder().build();
    for (TestPki.Issued issuer : issuers) {
      if (id.matchesIssuer(new JcaX509CertificateHolder(issuer.certificate()), digests)) {
        return issuer;
      }
    }
    return null;
  }
}
