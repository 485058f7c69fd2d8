package de.timkim.connector.soft;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What a card and the Konnektor do with signature keys: CMS (RFC 5652) CAdES-BES signatures with
 * SHA-256, their verification up to the test PKI's trust anchors, and the raw digest signature of
 * ExternalAuthenticate. Pure functions over keys and certificates: easy to test, no card state.
 */
final class CardSignatures {

  /** Why a signature check did not succeed; null reason means valid. */
  record Verification(boolean valid, X509Certificate signer, String reason) {}

  private CardSignatures() {}

  static byte[] sign(
      PrivateKey key, List<X509Certificate> chain, byte[] content, boolean encapsulate)
      throws GeneralSecurityException {
    X509Certificate signer = chain.get(0);
    // RSASSA-PSS for RSA keys as gemSpec_Krypt asks of new signatures; ECDSA for brainpool keys
    String algorithm =
        key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSAandMGF1";
    try {
      var contentSigner =
          new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.provider()).build(key);
      var digests =
          new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.provider()).build();
      // CAdES-BES: the signing certificate is bound by ESS signing-certificate-v2 (RFC 5035)
      var essCertId =
          new ESSCertIDv2(
              MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()),
              new IssuerSerial(
                  new GeneralNames(
                      new GeneralName(
                          X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))),
                  signer.getSerialNumber()));
      ASN1EncodableVector attributes = new ASN1EncodableVector();
      attributes.add(
          new Attribute(
              PKCSObjectIdentifiers.id_aa_signingCertificateV2,
              new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {essCertId}))));
      var signerInfo =
          new JcaSignerInfoGeneratorBuilder(digests)
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
              .build(contentSigner, signer);
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(signerInfo);
      generator.addCertificates(new JcaCertStore(chain));
      return generator.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded();
    } catch (OperatorCreationException | CMSException | IOException e) {
      throw new GeneralSecurityException("CMS signature failed: " + e.getMessage(), e);
    }
  }

  /**
   * Checks every signer of a SignedData: the signature value, and the signer's chain up to one of
   * the trust anchors at the given time.
   */
  static Verification verify(
      byte[] signedData, byte[] detachedContent, Set<TrustAnchor> anchors, Date at) {
    try {
      CMSSignedData cms =
          detachedContent == null
              ? new CMSSignedData(signedData)
              : new CMSSignedData(new CMSProcessableByteArray(detachedContent), signedData);
      if (cms.getSignedContent() == null) {
        return new Verification(false, null, "Detached signature but no content given");
      }
      var converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider());
      List<X509Certificate> certificates = new ArrayList<>();
      for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
        certificates.add(converter.getCertificate(holder));
      }
      Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
      if (signers.isEmpty()) {
        return new Verification(false, null, "No signer in the document");
      }
      X509Certificate lastSigner = null;
      for (SignerInformation signer : signers) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches =
            cms.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
          return new Verification(false, null, "Signer certificate not in the document");
        }
        X509Certificate certificate = converter.getCertificate(matches.iterator().next());
        lastSigner = certificate;
        boolean ok =
            signer.verify(
                new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BouncyCastle.provider())
                    .build(certificate));
        if (!ok) {
          return new Verification(false, certificate, "Signature value does not match the content");
        }
        String chainProblem = chainProblem(certificate, certificates, anchors, at);
        if (chainProblem != null) {
          return new Verification(false, certificate, chainProblem);
        }
      }
      return new Verification(true, lastSigner, null);
    } catch (CMSException e) {
      return new Verification(false, null, "Not a valid CMS signature: " + e.getMessage());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      return new Verification(false, null, "Signature check failed: " + e.getMessage());
    }
  }

  /** Null when the chain from the certificate to a trust anchor is valid at the time. */
  static String chainProblem(
      X509Certificate certificate,
      List<X509Certificate> intermediates,
      Set<TrustAnchor> anchors,
      Date at) {
    try {
      List<X509Certificate> path = new ArrayList<>();
      path.add(certificate);
      X509Certificate current = certificate;
      for (int depth = 0; depth < 5; depth++) {
        X509Certificate issuer = null;
        for (X509Certificate candidate : intermediates) {
          if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
              && !candidate.equals(current)
              && anchors.stream().noneMatch(a -> a.getTrustedCert().equals(candidate))) {
            issuer = candidate;
          }
        }
        if (issuer == null) {
          break;
        }
        path.add(issuer);
        current = issuer;
      }
      var factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
      var parameters = new PKIXParameters(anchors);
      // revocation is the card store's business (the software Konnektor's OCSP stand-in)
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      CertPathValidator.getInstance("PKIX", BouncyCastle.provider())
          .validate(factory.generateCertPath(path), parameters);
      return null;
    } catch (GeneralSecurityException e) {
      return "Certificate chain not valid: " + e.getMessage();
    }
  }

  /**
   * Signs a SHA-256 digest as the card's INTERNAL AUTHENTICATE / PSO COMPUTE DIGITAL SIGNATURE
   * would: RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) or plain ECDSA, DER-encoded.
   */
  static byte[] signDigest(PrivateKey key, byte[] sha256Digest) throws GeneralSecurityException {
    if (sha256Digest == null || sha256Digest.length != 32) {
      throw new IllegalArgumentException("Expected a 32-byte SHA-256 digest");
    }
    if (key.getAlgorithm().startsWith("EC")) {
      Signature ecdsa = Signature.getInstance("NONEwithECDSA", BouncyCastle.provider());
      ecdsa.initSign(key);
      ecdsa.update(sha256Digest);
      return ecdsa.sign();
    }
    try {
      // a "raw" PSS signer takes the digest as input instead of hashing the message itself
      PSSSigner pss =
          PSSSigner.createRawSigner(
              new RSABlindedEngine(),
              new SHA256Digest(),
              new SHA256Digest(),
              32,
              PSSSigner.TRAILER_IMPLICIT);
      pss.init(
          true,
          new ParametersWithRandom(
              PrivateKeyFactory.createKey(key.getEncoded()), new java.security.SecureRandom()));
      pss.update(sha256Digest, 0, sha256Digest.length);
      return pss.generateSignature();
    } catch (IOException | CryptoException e) {
      throw new GeneralSecurityException("RSASSA-PSS failed: " + e.getMessage(), e);
    }
  }
}
