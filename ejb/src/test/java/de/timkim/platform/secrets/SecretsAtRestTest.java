package de.timkim.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsAtRestTest {

  @TempDir Path dir;

  @Test
  void aSealedValueOpensToTheClearValueAndHidesIt() {
    SecretsAtRest secrets = SecretsAtRest.fromKeyFile(dir.resolve("tim/secrets.key"));
    String sealed = secrets.seal("JBSWY3DPEHPK3PXP");
    assertTrue(sealed.startsWith("v1:"));
    assertFalse(sealed.contains("JBSWY3DPEHPK3PXP"));
    assertTrue(SecretsAtRest.isSealed(sealed));
    assertEquals("JBSWY3DPEHPK3PXP", secrets.open(sealed));
  }

  @Test
  void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
    SecretsAtRest secrets = SecretsAtRest.fromKeyFile(dir.resolve("secrets.key"));
    assertNotEquals(secrets.seal("seed"), secrets.seal("seed"));
  }

  @Test
  void aLegacyClearValueIsRecognisedAndReturnedAsItIs() {
    SecretsAtRest secrets = SecretsAtRest.fromKeyFile(dir.resolve("secrets.key"));
    String clearSeed = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    assertFalse(SecretsAtRest.isSealed(clearSeed));
    assertEquals(clearSeed, secrets.open(clearSeed));
  }

  @Test
  void aTamperedValueIsRefused() {
    SecretsAtRest secrets = SecretsAtRest.fromKeyFile(dir.resolve("secrets.key"));
    byte[] bytes = Base64.getDecoder().decode(secrets.seal("seed").substring(3));
    bytes[bytes.length - 20] ^= 1;
    String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
    assertThrows(SecretsAtRest.WrongKeyException.class, () -> secrets.open(tampered));
  }

  @Test
  void aValueSealedUnderAnotherKeyFileIsRefusedNamingTheKeyFile() {
    String sealed = SecretsAtRest.fromKeyFile(dir.resolve("a.key")).seal("seed");
    SecretsAtRest other = SecretsAtRest.fromKeyFile(dir.resolve("b.key"));
    SecretsAtRest.WrongKeyException refused =
        assertThrows(SecretsAtRest.WrongKeyException.class, () -> other.open(sealed));
    assertTrue(refused.getMessage().contains(dir.resolve("b.key").toString()));
  }

  @Test
  void theKeyFileIsCreatedOnceWithMode0600AndReadAgainAfterwards() throws Exception {
    Path keyFile = dir.resolve("tim/secrets.key");
    String sealed = SecretsAtRest.fromKeyFile(keyFile).seal("seed");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    assertEquals("seed", SecretsAtRest.fromKeyFile(keyFile).open(sealed));
  }
}
