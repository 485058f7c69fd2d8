package de.timkim.connector.soft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * The test PKI's certificate authorities on disk: the random {@code keystore-password} that
 * protects every .p12 of the store, the root ({@code ca/root.p12}, {@code root-ca.pem}) and the
 * issuer CAs of SMC-B and HBA ({@code ca/smcb-ca.p12}, {@code ca/hba-ca.p12}).
 */
record TestPkiAuthorities(
    char[] password, TestPki.Issued root, TestPki.Issued smcbCa, TestPki.Issued hbaCa) {

  private static final Logger LOG = Logger.getLogger(TestPkiAuthorities.class.getName());

  static boolean existIn(Path directory) {
    return Files.exists(directory.resolve("keystore-password"));
  }

  /** Creates a new password, root and issuer CAs and writes them into the directory. */
  static TestPkiAuthorities create(Path directory) throws IOException, GeneralSecurityException {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    writeSecret(directory.resolve("keystore-password"), new String(password));
    Instant now = Instant.now();
    Instant notBefore = now.minus(Duration.ofDays(1));
    var root = TestPki.root("TIM-KIM Test Root CA", notBefore, now.plus(Duration.ofDays(3650 * 2)));
    Instant caNotAfter = now.plus(Duration.ofDays(3650));
    var smcbCa = TestPki.issuerCa(root, "TIM-KIM Test SMCB-CA", notBefore, caNotAfter);
    var hbaCa = TestPki.issuerCa(root, "TIM-KIM Test HBA-CA", notBefore, caNotAfter);
    Pkcs12Files.write(
        directory.resolve("ca/root.p12"),
        "root",
        root.key(),
        List.of(root.certificate()),
        password);
    Pkcs12Files.write(
        directory.resolve("ca/smcb-ca.p12"),
        "smcb-ca",
        smcbCa.key(),
        List.of(smcbCa.certificate(), root.certificate()),
        password);
    Pkcs12Files.write(
        directory.resolve("ca/hba-ca.p12"),
        "hba-ca",
        hbaCa.key(),
        List.of(hbaCa.certificate(), root.certificate()),
        password);
    Files.writeString(directory.resolve("root-ca.pem"), Pem.certificate(root.certificate()));
    LOG.info(() -> "Software Konnektor: created test PKI in " + directory);
    return new TestPkiAuthorities(password, root, smcbCa, hbaCa);
  }

  /** Reads what {@link #create} wrote. */
  static TestPkiAuthorities load(Path directory) throws IOException, GeneralSecurityException {
    char[] password =
        Files.readString(directory.resolve("keystore-password"), StandardCharsets.US_ASCII)
            .trim()
            .toCharArray();
    return new TestPkiAuthorities(
        password,
        issued(Pkcs12Files.read(directory.resolve("ca/root.p12"), password)),
        issued(Pkcs12Files.read(directory.resolve("ca/smcb-ca.p12"), password)),
        issued(Pkcs12Files.read(directory.resolve("ca/hba-ca.p12"), password)));
  }

  private static TestPki.Issued issued(Pkcs12Files.KeyAndChain loaded) {
    return new TestPki.Issued(loaded.key(), loaded.chain().get(0));
  }

  private static void writeSecret(Path file, String secret) throws IOException {
    Files.writeString(file, secret, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own permissions protect it
    }
  }
}
