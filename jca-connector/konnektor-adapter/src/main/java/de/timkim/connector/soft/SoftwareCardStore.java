package de.timkim.connector.soft;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardLockedException;
import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.PinState;
import de.timkim.connector.PinStatus;
import de.timkim.connector.PinType;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.TestCardRequest.CertificateState;
import de.timkim.connector.UnknownCardHandleException;
import de.timkim.connector.WrongPinException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The software Konnektor's cards and test PKI on disk, created on first use:
 *
 * <pre>
 * keystore-password             random password of every .p12 below (mode 600)
 * root-ca.pem                   the test root: trust it (openssl -CAfile) to check signatures
 * ca/root.p12, ca/smcb-ca.p12, ca/hba-ca.p12      CA keys, to issue further cards
 * cards/ICCSN/card.properties   handle, type, holder, Telematik-ID, profession OID, Mandant
 * cards/ICCSN/C.HCI.ENC-RSA.p12 one key with its chain per certificate and algorithm
 * pin-state.properties          PIN retry counters, survive restarts
 * </pre>
 *
 * A per-installation test double: each node creates its own PKI unless dataDirectory points at a
 * shared path. An exclusive file lock serialises creation between processes sharing the path.
 */
public final class SoftwareCardStore {

  private static final Logger LOG = Logger.getLogger(SoftwareCardStore.class.getName());
  private static final int PIN_TRIES = 3;

  /** The PIN of every software test card, documented in jca-connector/README.md. */
  static final String TEST_PIN = "123456";

  /**
   * The test PKI's OCSP responder URL written into the AuthorityInformationAccess of new card
   * certificates (the software Konnektor facade's {@code /ti-konnektor/ocsp} of this server);
   * unset: no AIA.
   */
  static final String OCSP_URL_PROPERTY = "tim.konnektor.test-pki.ocsp-url";

  private static final String REVOKED_FILE = "ca/revoked-serials";

  private final Path directory;
  private final String defaultMandant;
  private final char[] password;
  private final TestPki.Issued root;
  private final TestPki.Issued smcbCa;
  private final TestPki.Issued hbaCa;
  private final Map<String, SoftwareCard> cardsByHandle = new LinkedHashMap<>();
  private final Properties pinState = new Properties();
  // PIN.x verified in this run; like a card session it does not survive a restart
  private final Set<String> verified = new HashSet<>();

  private SoftwareCardStore(
      Path directory,
      String defaultMandant,
      char[] password,
      TestPki.Issued root,
      TestPki.Issued smcbCa,
      TestPki.Issued hbaCa) {
    this.directory = directory;
    this.defaultMandant = defaultMandant;
    this.password = password;
    this.root = root;
    this.smcbCa = smcbCa;
    this.hbaCa = hbaCa;
  }

  /** Opens the store in the directory, creating the test PKI and two cards if it is empty. */
  public static SoftwareCardStore open(Path directory, String defaultMandant)
      throws KonnektorException {
    try {
      Files.createDirectories(directory.resolve("cards"));
      Files.createDirectories(directory.resolve("ca"));
      try (FileChannel lockFile =
              FileChannel.open(
                  directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        return openLocked(directory, defaultMandant);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR,
          "Software Konnektor cannot open its data in " + directory + ": " + e.getMessage(),
          e);
    }
  }

  private static SoftwareCardStore openLocked(Path directory, String defaultMandant)
      throws IOException, GeneralSecurityException, KonnektorException {
    Path passwordFile = directory.resolve("keystore-password");
    boolean fresh = !Files.exists(passwordFile);
    char[] password;
    TestPki.Issued root;
    TestPki.Issued smcbCa;
    TestPki.Issued hbaCa;
    if (fresh) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
      writeSecret(passwordFile, new String(password));
      Instant now = Instant.now();
      root =
          TestPki.root(
              "TIM-KIM Test Root CA",
              now.minus(Duration.ofDays(1)),
              now.plus(Duration.ofDays(3650 * 2)));
      smcbCa =
          TestPki.issuerCa(
              root,
              "TIM-KIM Test SMCB-CA",
              now.minus(Duration.ofDays(1)),
              now.plus(Duration.ofDays(3650)));
      hbaCa =
          TestPki.issuerCa(
              root,
              "TIM-KIM Test HBA-CA",
              now.minus(Duration.ofDays(1)),
              now.plus(Duration.ofDays(3650)));
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
    } else {
      password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
      root = issued(Pkcs12Files.read(directory.resolve("ca/root.p12"), password));
      smcbCa = issued(Pkcs12Files.read(directory.resolve("ca/smcb-ca.p12"), password));
      hbaCa = issued(Pkcs12Files.read(directory.resolve("ca/hba-ca.p12"), password));
    }
    SoftwareCardStore store =
        new SoftwareCardStore(directory, defaultMandant, password, root, smcbCa, hbaCa);
    store.loadPinState();
    store.loadCards();
    if (fresh) {
      store.issue(
          new TestCardRequest(
              CardType.SMC_B,
              "TIM-KIM Testkrankenhaus",
              "5-SMC-B-Testkarte-883110000000001",
              ProfessionOids.KRANKENHAUS,
              null,
              CertificateState.VALID));
      store.issue(
          new TestCardRequest(
              CardType.HBA,
              "Dr. Erika Mustermann",
              "1-HBA-Testkarte-883110000000002",
              ProfessionOids.ARZT,
              null,
              CertificateState.VALID));
    }
    return store;
  }

  private static TestPki.Issued issued(Pkcs12Files.KeyAndChain loaded) {
    return new TestPki.Issued(loaded.key(), loaded.chain().get(0));
  }

  private void loadCards() throws IOException, GeneralSecurityException, KonnektorException {
    try (Stream<Path> dirs = Files.list(directory.resolve("cards"))) {
      // in the order the cards were issued, so GetCards lists the first-start cards first
      for (Path dir : dirs.sorted(Comparator.comparing(SoftwareCardStore::issuedAt)).toList()) {
        Path propertiesFile = dir.resolve("card.properties");
        if (!Files.exists(propertiesFile)) {
          continue;
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
          p.load(reader);
        }
        CardType type = CardType.fromWireName(p.getProperty("type"));
        Map<SoftwareCard.KeyId, Pkcs12Files.KeyAndChain> keys = new LinkedHashMap<>();
        for (CertRef ref : SoftwareCard.refs(type)) {
          for (Crypt crypt : Crypt.values()) {
            var id = new SoftwareCard.KeyId(ref, crypt);
            keys.put(id, Pkcs12Files.read(dir.resolve(id.fileName(type)), password));
          }
        }
        var card =
            new SoftwareCard(
                p.getProperty("cardHandle"),
                p.getProperty("iccsn"),
                type,
                p.getProperty("holderName"),
                p.getProperty("telematikId"),
                p.getProperty("professionOid"),
                p.getProperty("mandantId"),
                CertificateState.valueOf(p.getProperty("certificates", "VALID")),
                Map.copyOf(keys));
        cardsByHandle.put(card.cardHandle(), card);
      }
    }
  }

  private static FileTime issuedAt(Path cardDirectory) {
    try {
      return Files.getLastModifiedTime(cardDirectory.resolve("card.properties"));
    } catch (IOException e) {
      return FileTime.fromMillis(Long.MAX_VALUE);
    }
  }

  /** Issues a new card from the test PKI and writes it next to the others. */
  public synchronized CardInfo issue(TestCardRequest request) throws KonnektorException {
    try {
      String iccsn = newIccsn();
      String handle = "soft-" + iccsn;
      String mandant = request.mandantId() == null ? defaultMandant : request.mandantId();
      Instant now = Instant.now();
      Instant notBefore;
      Instant notAfter;
      if (request.certificates() == CertificateState.EXPIRED) {
        notBefore = now.minus(Duration.ofDays(400));
        notAfter = now.minus(Duration.ofDays(35));
      } else {
        notBefore = now.minus(Duration.ofDays(1));
        notAfter = now.plus(Duration.ofDays(5 * 365));
      }
      TestPki.Issued issuer = request.type() == CardType.SMC_B ? smcbCa : hbaCa;
      Path dir = directory.resolve("cards").resolve(iccsn);
      Files.createDirectories(dir);
      Map<SoftwareCard.KeyId, Pkcs12Files.KeyAndChain> keys = new LinkedHashMap<>();
      for (CertRef ref : SoftwareCard.refs(request.type())) {
        for (Crypt crypt : Crypt.values()) {
          KeyPair pair = crypt == Crypt.RSA ? TestPki.rsaKeyPair() : TestPki.eccKeyPair();
          TestPki.Purpose purpose =
              switch (ref) {
                case AUT -> TestPki.Purpose.AUT;
                case ENC -> TestPki.Purpose.ENC;
                default -> TestPki.Purpose.SIG;
              };
          TestPki.Issued certificate =
              TestPki.cardCertificate(
                  issuer,
                  pair,
                  purpose,
                  request.holderName(),
                  iccsn,
                  request.telematikId(),
                  request.professionOid(),
                  certificateTypeOid(request.type(), ref),
                  request.ocspUrl() != null
                      ? request.ocspUrl()
                      : System.getProperty(OCSP_URL_PROPERTY),
                  notBefore,
                  notAfter);
          var id = new SoftwareCard.KeyId(ref, crypt);
          List<X509Certificate> chain =
              List.of(certificate.certificate(), issuer.certificate(), root.certificate());
          Pkcs12Files.write(
              dir.resolve(id.fileName(request.type())),
              SoftwareCard.certificateName(request.type(), ref) + "-" + crypt,
              pair.getPrivate(),
              chain,
              password);
          keys.put(id, new Pkcs12Files.KeyAndChain(pair.getPrivate(), chain));
        }
      }
      Properties p = new Properties();
      p.setProperty("cardHandle", handle);
      p.setProperty("iccsn", iccsn);
      p.setProperty("type", request.type().wireName());
      p.setProperty("holderName", request.holderName());
      p.setProperty("telematikId", request.telematikId());
      p.setProperty("professionOid", request.professionOid());
      p.setProperty("mandantId", mandant);
      p.setProperty("certificates", request.certificates().name());
      try (Writer writer =
          Files.newBufferedWriter(dir.resolve("card.properties"), StandardCharsets.UTF_8)) {
        p.store(writer, "Software Konnektor test card");
      }
      var card =
          new SoftwareCard(
              handle,
              iccsn,
              request.type(),
              request.holderName(),
              request.telematikId(),
              request.professionOid(),
              mandant,
              request.certificates(),
              Map.copyOf(keys));
      cardsByHandle.put(handle, card);
      LOG.info(() -> "Software Konnektor: issued " + request.type().wireName() + " card " + handle);
      return card.info();
    } catch (IOException | GeneralSecurityException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Cannot issue test card: " + e.getMessage(), e);
    }
  }

  private String newIccsn() {
    // 80 276 883110000 + counter: ICCSN layout (major industry 80, country 276, issuer, serial)
    SecureRandom random = new SecureRandom();
    String iccsn;
    do {
      iccsn = "80276883110" + String.format("%09d", random.nextInt(1_000_000_000));
    } while (Files.exists(directory.resolve("cards").resolve(iccsn)));
    return iccsn;
  }

  synchronized List<SoftwareCard> cards(String mandantId) {
    List<SoftwareCard> result = new ArrayList<>();
    for (SoftwareCard card : cardsByHandle.values()) {
      if (card.mandantId().equals(mandantId)) {
        result.add(card);
      }
    }
    return result;
  }

  synchronized boolean knowsMandant(String mandantId) {
    return defaultMandant.equals(mandantId)
        || cardsByHandle.values().stream().anyMatch(c -> c.mandantId().equals(mandantId));
  }

  synchronized SoftwareCard card(String cardHandle) throws UnknownCardHandleException {
    SoftwareCard card = cardHandle == null ? null : cardsByHandle.get(cardHandle);
    if (card == null) {
      throw UnknownCardHandleException.forHandle(cardHandle);
    }
    return card;
  }

  Set<TrustAnchor> trustAnchors() {
    return Set.of(new TrustAnchor(root.certificate(), null));
  }

  /** The software Konnektor's stand-in for OCSP: cards issued REVOKED are revoked. */
  synchronized boolean revoked(X509Certificate certificate) {
    for (SoftwareCard card : cardsByHandle.values()) {
      if (card.certificates() == CertificateState.REVOKED) {
        for (var key : card.keys().values()) {
          if (key.chain().get(0).equals(certificate)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  synchronized PinState pinState(SoftwareCard card, PinType pin) throws KonnektorException {
    requirePinOf(card, pin);
    int left = leftTries(card, pin);
    if (left == 0) {
      return new PinState(PinStatus.BLOCKED, 0);
    }
    return new PinState(
        verified.contains(key(card, pin)) ? PinStatus.VERIFIED : PinStatus.VERIFIABLE, left);
  }

  /**
   * VerifyPin. A null value is the simulated card terminal, at which the right PIN is typed.
   *
   * @throws WrongPinException wrong PIN, tries left
   * @throws CardLockedException the PIN was blocked already (4063) or is now (4275)
   */
  synchronized PinState verifyPin(SoftwareCard card, PinType pin, char[] value)
      throws KonnektorException {
    requirePinOf(card, pin);
    int left = leftTries(card, pin);
    if (left == 0) {
      throw new CardLockedException(
          KonnektorErrorCode.PIN_BLOCKED,
          "PIN bereits blockiert (BLOCKED): " + pin.wireName() + " of card " + card.cardHandle());
    }
    boolean right = value == null || java.util.Arrays.equals(value, TEST_PIN.toCharArray());
    if (right) {
      setLeftTries(card, pin, PIN_TRIES);
      verified.add(key(card, pin));
      return new PinState(PinStatus.VERIFIED, PIN_TRIES);
    }
    left--;
    setLeftTries(card, pin, left);
    verified.remove(key(card, pin));
    if (left == 0) {
      LOG.warning(
          () ->
              "Software Konnektor: "
                  + pin.wireName()
                  + " of card "
                  + card.cardHandle()
                  + " now blocked");
      throw new CardLockedException(
          KonnektorErrorCode.PIN_NOW_BLOCKED,
          "PIN jetzt gesperrt (BLOCKED): " + pin.wireName() + " of card " + card.cardHandle());
    }
    throw new WrongPinException(
        "PIN falsch (REJECTED): "
            + pin.wireName()
            + " of card "
            + card.cardHandle()
            + ", "
            + left
            + " tries left",
        left);
  }

  /**
   * What a Konnektor does before using a key: if the PIN is not verified in this session, it asks
   * at the terminal (here: enters it); a blocked PIN stops the operation with 4063.
   */
  synchronized void unlock(SoftwareCard card, CertRef ref) throws KonnektorException {
    PinType pin = card.pinFor(ref);
    if (card.type() == CardType.HBA && ref == CertRef.QES) {
      // each qualified signature needs its own PIN.QES entry (no comfort signature here)
      verifyPin(card, pin, null);
      verified.remove(key(card, pin));
      return;
    }
    if (!verified.contains(key(card, pin))) {
      verifyPin(card, pin, null);
    }
  }

  private void requirePinOf(SoftwareCard card, PinType pin) throws KonnektorException {
    if (!card.pins().contains(pin)) {
      throw new KonnektorException(
          KonnektorErrorCode.INVALID_PIN_REFERENCE,
          "Ungültige PIN-Referenz PinRef: " + pin.wireName() + " on " + card.type().wireName());
    }
  }

  private int leftTries(SoftwareCard card, PinType pin) {
    return Integer.parseInt(pinState.getProperty(key(card, pin), String.valueOf(PIN_TRIES)));
  }

  private void setLeftTries(SoftwareCard card, PinType pin, int left) throws KonnektorException {
    pinState.setProperty(key(card, pin), String.valueOf(left));
    try {
      Path file = directory.resolve("pin-state.properties");
      Path temp = Files.createTempFile(directory, ".pin-state", ".tmp");
      try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        pinState.store(writer, "PIN retry counters of the software cards");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Cannot save PIN state: " + e.getMessage(), e);
    }
  }

  private void loadPinState() throws IOException {
    Path file = directory.resolve("pin-state.properties");
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        pinState.load(reader);
      }
    }
  }

  private static String key(SoftwareCard card, PinType pin) {
    return card.iccsn() + "." + pin.wireName();
  }

  private static void writeSecret(Path file, String secret) throws IOException {
    Files.writeString(file, secret, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's own permissions protect it
    }
  }

  /**
   * gemSpec_OID's certificate types: SMC-B C.HCI.AUT/ENC/OSIG (oid_smc_b_aut 1.2.276.0.76.4.77,
   * _enc .76, _osig .78), eHBA C.HP.AUT/ENC/QES (oid_hba_aut .75, _enc .74, _qes .72).
   */
  static String certificateTypeOid(CardType type, CertRef ref) {
    boolean smcb = type == CardType.SMC_B;
    return switch (ref) {
      case AUT -> smcb ? "1.2.276.0.76.4.77" : "1.2.276.0.76.4.75";
      case ENC -> smcb ? "1.2.276.0.76.4.76" : "1.2.276.0.76.4.74";
      default -> smcb ? "1.2.276.0.76.4.78" : "1.2.276.0.76.4.72";
    };
  }

  /**
   * Revokes every certificate of a test card: the test PKI's OCSP responder answers {@code revoked}
   * for them from now on.
   */
  public synchronized void revoke(String cardHandle) throws KonnektorException {
    SoftwareCard card = card(cardHandle);
    StringBuilder serials = new StringBuilder();
    for (Pkcs12Files.KeyAndChain key : card.keys().values()) {
      serials.append(key.chain().get(0).getSerialNumber().toString(16)).append('\n');
    }
    try {
      Files.writeString(
          directory.resolve(REVOKED_FILE),
          serials,
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Cannot record the revocation: " + e.getMessage(), e);
    }
    LOG.info(() -> "Software Konnektor: revoked test card " + cardHandle);
  }

  /** The test PKI's OCSP answer (DER OCSPResponse) to a DER OCSPRequest. */
  public byte[] ocspResponse(byte[] requestDer) throws KonnektorException {
    Set<BigInteger> revoked = new HashSet<>();
    try {
      Path file = directory.resolve(REVOKED_FILE);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
          if (!line.isBlank()) {
            revoked.add(new BigInteger(line.trim(), 16));
          }
        }
      }
      synchronized (this) {
        // cards issued as REVOKED are revoked for OCSP too, as for VerifyCertificate
        for (SoftwareCard card : cardsByHandle.values()) {
          if (card.certificates() == CertificateState.REVOKED) {
            card.keys().values().forEach(k -> revoked.add(k.chain().get(0).getSerialNumber()));
          }
        }
      }
      return TestPkiOcspResponder.respond(requestDer, List.of(smcbCa, hbaCa), revoked);
    } catch (IOException | GeneralSecurityException | NumberFormatException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Test PKI OCSP responder: " + e.getMessage(), e);
    }
  }
}
