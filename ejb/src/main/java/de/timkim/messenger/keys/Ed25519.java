package de.timkim.messenger.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 with the JDK's provider, in the encodings Matrix uses (raw 32-byte keys, unpadded
 * base64).
 */
final class Ed25519 {

  /** An X.509 SubjectPublicKeyInfo for ed25519 is a 12-byte header followed by the raw key. */
  private static final int X509_HEADER = 12;

  private Ed25519() {}

  record Generated(byte[] seed, byte[] publicKey) {}

  static Generated generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] pkcs8 = pair.getPrivate().getEncoded();
      // PKCS#8 for ed25519 ends with the 32-byte seed (RFC 8410)
      byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
      byte[] x509 = pair.getPublic().getEncoded();
      return new Generated(seed, Arrays.copyOfRange(x509, X509_HEADER, x509.length));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JVM", e);
    }
  }

  static byte[] sign(byte[] seed, byte[] message) {
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  static String unpaddedBase64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] decodeBase64(String unpadded) {
    return Base64.getDecoder().decode(unpadded);
  }
}
