package de.timkim.messenger.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 in the encodings Matrix uses (raw 32-byte keys, unpadded base64). Keys are generated with
 * the JDK's provider; signing uses Bouncy Castle's RFC 8032 code, which signs an event in tens of
 * microseconds where the JDK's generic field arithmetic takes milliseconds, and every event the
 * server writes is signed.
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
    return sign(seed, publicKey(seed), message);
  }

  /**
   * The public key of a seed: a scalar multiplication, as costly as a signature, so callers keep
   * it.
   */
  static byte[] publicKey(byte[] seed) {
    if (seed.length != org.bouncycastle.math.ec.rfc8032.Ed25519.SECRET_KEY_SIZE) {
      throw new IllegalStateException("An Ed25519 seed has 32 bytes, not " + seed.length);
    }
    byte[] publicKey = new byte[org.bouncycastle.math.ec.rfc8032.Ed25519.PUBLIC_KEY_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return publicKey;
  }

  /** Signs with a seed and its public key ({@link #publicKey}), which must belong together. */
  static byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
    if (seed.length != org.bouncycastle.math.ec.rfc8032.Ed25519.SECRET_KEY_SIZE
        || publicKey.length != org.bouncycastle.math.ec.rfc8032.Ed25519.PUBLIC_KEY_SIZE) {
      throw new IllegalStateException("An Ed25519 seed and public key have 32 bytes each");
    }
    byte[] signature = new byte[org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  static String unpaddedBase64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] decodeBase64(String unpadded) {
    return Base64.getDecoder().decode(unpadded);
  }
}
