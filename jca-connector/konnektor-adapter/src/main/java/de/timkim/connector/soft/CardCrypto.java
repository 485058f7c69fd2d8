package de.timkim.connector.soft;

import de.timkim.connector.ContentEncryption;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
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
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What a card and the Konnektor do with keys, as CMS (RFC 5652): CAdES-BES signatures with SHA-256,
 * AuthEnvelopedData with AES-256-GCM (RFC 5083/5084, KIM 1.5) or EnvelopedData with AES-256-CBC
 * (KIM 1.0) content encryption, RSA-OAEP (SHA-256) key transport for RSA recipients and ECDH key
 * agreement (RFC 5753, ECC-CMS of BSI TR-03116) for brainpoolP256r1 recipients. Pure functions over
 * keys and certificates: easy to test, no card state.
 */
final class CardCrypto {

  /** Why a signature check did not succeed; null reason means valid. */
  record Verification(boolean valid, X509Certificate signer, String reason) {}

  /** No recipient in the document matches the given certificate. */
  static final class NotARecipientException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    NotARecipientException(String message) {
      super(message);
    }
  }

  /** AuthEnvelopedData whose GCM tag does not match its content: it was altered. */
  static final class AuthenticationFailedException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    AuthenticationFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private CardCrypto() {}

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
   * Encrypts for every recipient: AuthEnvelopedData with AES-256-GCM (KIM 1.5) or EnvelopedData
   * with AES-256-CBC (KIM 1.0). The recipient infos are the same in both.
   */
  static byte[] encrypt(
      List<X509Certificate> recipients, byte[] content, ContentEncryption encryption)
      throws GeneralSecurityException {
    List<RecipientInfoGenerator> recipientInfos = recipientInfos(recipients);
    try {
      if (encryption == ContentEncryption.AES_256_CBC) {
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        recipientInfos.forEach(generator::addRecipientInfoGenerator);
        return generator
            .generate(
                new CMSProcessableByteArray(content),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                    .setProvider(BouncyCastle.provider())
                    .build())
            .getEncoded();
      }
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      recipientInfos.forEach(generator::addRecipientInfoGenerator);
      // RFC 5084: a fresh 12-byte nonce per message and the full 16-byte tag (BC's defaults)
      var gcm =
          (OutputAEADEncryptor)
              new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                  .setProvider(BouncyCastle.provider())
                  .build();
      return generator.generate(new CMSProcessableByteArray(content), gcm).getEncoded();
    } catch (CMSException | IOException e) {
      throw new GeneralSecurityException("CMS encryption failed: " + e.getMessage(), e);
    }
  }

  private static List<RecipientInfoGenerator> recipientInfos(List<X509Certificate> recipients)
      throws GeneralSecurityException {
    List<RecipientInfoGenerator> result = new ArrayList<>();
    // re-read with Bouncy Castle: a JDK-parsed brainpool certificate has no usable EC key
    var factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
    for (X509Certificate given : recipients) {
      X509Certificate recipient =
          (X509Certificate)
              factory.generateCertificate(new java.io.ByteArrayInputStream(given.getEncoded()));
      if (recipient.getPublicKey() instanceof ECPublicKey ecKey) {
        // a fresh ephemeral key on the recipient's curve for every recipient (RFC 5753 3.1.1)
        KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        ephemeral.initialize(ecKey.getParams());
        KeyPair pair = ephemeral.generateKeyPair();
        result.add(
            new JceKeyAgreeRecipientInfoGenerator(
                    CMSAlgorithm.ECDH_SHA256KDF,
                    pair.getPrivate(),
                    pair.getPublic(),
                    CMSAlgorithm.AES256_WRAP)
                .addRecipient(recipient)
                .setProvider(BouncyCastle.provider()));
      } else {
        var oaep =
            new JcaAlgorithmParametersConverter()
                .getAlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec(
                        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        result.add(
            new JceKeyTransRecipientInfoGenerator(recipient, oaep)
                .setProvider(BouncyCastle.provider()));
      }
    }
    return result;
  }

  /**
   * Decrypts AuthEnvelopedData or EnvelopedData addressed to this certificate's key; which of the
   * two it is, the ContentInfo's content type says.
   *
   * @throws NotARecipientException the document was not encrypted for this certificate
   * @throws AuthenticationFailedException AuthEnvelopedData whose GCM tag does not match
   */
  static byte[] decrypt(PrivateKey key, X509Certificate certificate, byte[] document)
      throws GeneralSecurityException {
    ASN1ObjectIdentifier contentType;
    try {
      contentType = ContentInfo.getInstance(document).getContentType();
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("Not a CMS document: " + e.getMessage(), e);
    }
    boolean authenticated = CMSObjectIdentifiers.authEnvelopedData.equals(contentType);
    RecipientInformationStore recipients;
    try {
      if (authenticated) {
        recipients = new CMSAuthEnvelopedData(document).getRecipientInfos();
      } else if (CMSObjectIdentifiers.envelopedData.equals(contentType)) {
        recipients = new CMSEnvelopedData(document).getRecipientInfos();
      } else {
        throw new GeneralSecurityException(
            "Neither AuthEnvelopedData nor EnvelopedData but content type " + contentType);
      }
    } catch (CMSException | RuntimeException e) {
      throw new GeneralSecurityException("Unreadable CMS document: " + e.getMessage(), e);
    }
    boolean ecc = key.getAlgorithm().startsWith("EC");
    RecipientInformation recipient =
        ecc
            ? recipients.get(new JceKeyAgreeRecipientId(certificate))
            : recipients.get(new JceKeyTransRecipientId(certificate));
    if (recipient == null) {
      throw new NotARecipientException(
          "The document is not encrypted for " + certificate.getSubjectX500Principal());
    }
    try {
      if (authenticated) {
        return ecc
            ? recipient.getContent(
                new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(BouncyCastle.provider()))
            : recipient.getContent(
                new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BouncyCastle.provider()));
      }
      return ecc
          ? recipient.getContent(
              new JceKeyAgreeEnvelopedRecipient(key).setProvider(BouncyCastle.provider()))
          : recipient.getContent(
              new JceKeyTransEnvelopedRecipient(key).setProvider(BouncyCastle.provider()));
    } catch (CMSException e) {
      if (authenticated && isTagMismatch(e)) {
        throw new AuthenticationFailedException(
            "AES-GCM authentication tag does not match: the encrypted content was altered", e);
      }
      throw new GeneralSecurityException("Decryption failed: " + e.getMessage(), e);
    }
  }

  /**
   * Bouncy Castle reports a wrong GCM tag as a CMSException around the cipher's AEADBadTagException
   * (JCE) or an exception saying "mac check in GCM failed" (light API). A failed key unwrap (AES
   * key wrap checksum, OAEP) is not a tag mismatch and stays a plain decryption failure.
   */
  private static boolean isTagMismatch(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AEADBadTagException
          || String.valueOf(t.getMessage()).contains("mac check")) {
        return true;
      }
    }
    return false;
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
