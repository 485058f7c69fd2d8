package de.timkim.platform.secrets;

import de.timkim.platform.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a secret the database stores with AES-256-GCM under a key from a file outside the
 * database (security review, finding 17): a database dump or backup alone no longer yields the
 * server's signing seed or the portal accounts' TOTP secrets. A stored value is {@code v1:} +
 * base64(96-bit random nonce ‖ ciphertext ‖ 128-bit tag); anything without the prefix is a clear
 * value written by an earlier version.
 */
public final class SecretsAtRest {

  static final String PREFIX = "v1:";
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final Path keyFile;

  SecretsAtRest(byte[] key, Path keyFile) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("The secrets key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyFile = keyFile;
  }

  /**
   * The key in {@code keyFile}, created (32 random bytes, base64, mode 0600) when missing. Two
   * nodes starting at once on a shared path: only one create-new succeeds, both then read the file,
   * so both use the winner's key.
   */
  public static SecretsAtRest fromKeyFile(Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        Path parent = keyFile.toAbsolutePath().getParent();
        if (parent != null) {
          PrivateFiles.createDirectories(parent);
        }
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        byte[] content =
            (Base64.getEncoder().encodeToString(fresh) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
          PrivateFiles.write(keyFile, content);
        } catch (FileAlreadyExistsException lostRace) {
          // another node wrote it first; read theirs below
        }
      }
      return new SecretsAtRest(readKey(keyFile), keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the secrets key file " + keyFile, e);
    }
  }

  private static byte[] readKey(Path keyFile) throws IOException {
    // the racing writer may not have finished its 45 bytes yet
    for (int attempt = 0; ; attempt++) {
      String text = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
      try {
        byte[] key = Base64.getDecoder().decode(text);
        if (key.length == KEY_BYTES) {
          return key;
        }
      } catch (IllegalArgumentException notYetComplete) {
        // retried below
      }
      if (attempt >= 50) {
        throw new IOException("The secrets key file " + keyFile + " does not hold a 32-byte key");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while reading " + keyFile, e);
      }
    }
  }

  /** The file this key was read from, for log lines that tell the operator where to look. */
  public Path keyFile() {
    return keyFile;
  }

  /**
   * Whether {@code stored} was written by {@link #seal} (rather than in clear by an old version).
   */
  public static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** The value to store for {@code clear}; a fresh nonce each time. */
  public String seal(String clear) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] ciphertext = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      byte[] stored = new byte[NONCE_BYTES + ciphertext.length];
      System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
      System.arraycopy(ciphertext, 0, stored, NONCE_BYTES, ciphertext.length);
      return PREFIX + Base64.getEncoder().encodeToString(stored);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The clear value of {@code stored}; a legacy clear value is returned as it is. Throws {@link
   * WrongKeyException} when the value was sealed under another key or altered.
   */
  public String open(String stored) {
    if (stored == null || !isSealed(stored)) {
      return stored;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
        throw new WrongKeyException(keyFile);
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      byte[] clear = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException | IllegalArgumentException e) {
      throw new WrongKeyException(keyFile);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** A sealed value that this key does not open: another node's key file, or a tampered value. */
  public static final class WrongKeyException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    WrongKeyException(Path keyFile) {
      super(
          "A secret in the database does not decrypt with the key in "
              + keyFile
              + " (tim.secrets.key-file): every node must use the same key file");
    }
  }
}
