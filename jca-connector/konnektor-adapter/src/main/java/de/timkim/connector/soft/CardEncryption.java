package de.timkim.connector.soft;

import de.timkim.connector.ContentEncryption;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * What a card and the Konnektor do with encryption keys, as CMS (RFC 5652): AuthEnvelopedData with
 * AES-256-GCM (RFC 5083/5084, KIM 1.5) or EnvelopedData with AES-256-CBC (KIM 1.0) content
 * encryption, RSA-OAEP (SHA-256) key transport for RSA recipients and ECDH key agreement (RFC 5753,
 * ECC-CMS of BSI TR-03116) for brainpoolP256r1 recipients. Pure functions over keys and
 * certificates: easy to test, no card state.
 */
final class CardEncryption {

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

  private CardEncryption() {}

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
}
