package de.timkim.connector.soft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilderProvider;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * One key with its certificate chain as a PKCS#12 file. Written with Bouncy Castle's PKCS#12
 * builder, PBES2/AES-256 and an HMAC-SHA256 MAC, so that OpenSSL 3 reads the files without its
 * legacy provider and brainpool keys survive (the JDK's PKCS12 key store cannot load them).
 */
final class Pkcs12Files {

  /** A loaded file: the key and its chain, end entity first. */
  record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {}

  private Pkcs12Files() {}

  static void write(
      Path file, String alias, PrivateKey key, List<X509Certificate> chain, char[] password)
      throws IOException, GeneralSecurityException {
    try {
      var encryptor =
          new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(BouncyCastle.provider())
              .build(password);
      List<PKCS12SafeBag> certBags = new ArrayList<>();
      for (int i = 0; i < chain.size(); i++) {
        PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
        if (i == 0) {
          bag.addBagAttribute(
              PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
          bag.addBagAttribute(
              PKCSObjectIdentifiers.pkcs_9_at_localKeyId,
              new org.bouncycastle.asn1.DEROctetString(localKeyId(chain.get(0))));
        }
        certBags.add(bag.build());
      }
      PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor);
      keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
      keyBag.addBagAttribute(
          PKCSObjectIdentifiers.pkcs_9_at_localKeyId,
          new org.bouncycastle.asn1.DEROctetString(localKeyId(chain.get(0))));
      PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
      pfx.addEncryptedData(encryptor, certBags.toArray(new PKCS12SafeBag[0]));
      pfx.addData(keyBag.build());
      PKCS12PfxPdu pdu =
          pfx.build(
              new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                  .setProvider(BouncyCastle.provider()),
              password);
      Path temp = Files.createTempFile(file.getParent(), ".p12-", ".tmp");
      Files.write(temp, pdu.getEncoded());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (OperatorCreationException | PKCSException e) {
      throw new GeneralSecurityException("Cannot write " + file.getFileName(), e);
    }
  }

  static KeyAndChain read(Path file, char[] password) throws IOException, GeneralSecurityException {
    try {
      PKCS12PfxPdu pdu = new PKCS12PfxPdu(Files.readAllBytes(file));
      if (!pdu.isMacValid(
          new JcePKCS12MacCalculatorBuilderProvider().setProvider(BouncyCastle.provider()),
          password)) {
        throw new GeneralSecurityException("Wrong password or damaged file " + file.getFileName());
      }
      var decryptor =
          new JcePKCSPBEInputDecryptorProviderBuilder()
              .setProvider(BouncyCastle.provider())
              .build(password);
      PrivateKey key = null;
      List<X509Certificate> chain = new ArrayList<>();
      var converter = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider());
      for (var info : pdu.getContentInfos()) {
        var factory =
            info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                ? new org.bouncycastle.pkcs.PKCS12SafeBagFactory(info, decryptor)
                : new org.bouncycastle.pkcs.PKCS12SafeBagFactory(info);
        for (PKCS12SafeBag bag : factory.getSafeBags()) {
          if (bag.getBagValue() instanceof X509CertificateHolder holder) {
            chain.add(converter.getCertificate(holder));
          } else if (bag.getBagValue() instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            PrivateKeyInfo plain = encrypted.decryptPrivateKeyInfo(decryptor);
            String algorithm =
                plain
                        .getPrivateKeyAlgorithm()
                        .getAlgorithm()
                        .equals(PKCSObjectIdentifiers.rsaEncryption)
                    ? "RSA"
                    : "EC";
            key =
                KeyFactory.getInstance(algorithm, BouncyCastle.provider())
                    .generatePrivate(new PKCS8EncodedKeySpec(plain.getEncoded()));
          }
        }
      }
      if (key == null || chain.isEmpty()) {
        throw new GeneralSecurityException("No key or certificate in " + file.getFileName());
      }
      return new KeyAndChain(key, chain);
    } catch (PKCSException e) {
      throw new GeneralSecurityException("Cannot read " + file.getFileName(), e);
    }
  }

  private static byte[] localKeyId(X509Certificate certificate) throws GeneralSecurityException {
    try {
      return java.security.MessageDigest.getInstance("SHA-1")
          .digest(new JcaX509CertificateHolder(certificate).getSubjectPublicKeyInfo().getEncoded());
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
