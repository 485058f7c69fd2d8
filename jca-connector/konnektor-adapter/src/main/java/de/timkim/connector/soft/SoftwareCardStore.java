package de.timkim.connector.soft;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardType;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.TestCardRequest.CertificateState;
import de.timkim.connector.UnknownCardHandleException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

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
 * ca/revoked-serials            serials of the certificates revoked by the test tools
 * </pre>
 *
 * {@link TestPkiAuthorities} writes the password and the CAs, {@link TestCardIssuer} and {@link
 * CardFiles} the cards, {@link CardPins} the PIN state; this class holds the open store together.
 *
 * <p>A per-installation test double: each node creates its own PKI unless dataDirectory points at a
 * shared path. An exclusive file lock serialises creation between processes sharing the path.
 */
public final class SoftwareCardStore {

  private static final Logger LOG = Logger.getLogger(SoftwareCardStore.class.getName());

  /**
   * The test PKI's OCSP responder URL written into the AuthorityInformationAccess of new card
   * certificates (the software Konnektor facade's {@code /ti-konnektor/ocsp} of this server);
   * unset: no AIA.
   */
  static final String OCSP_URL_PROPERTY = "tim.konnektor.test-pki.ocsp-url";

  private static final String REVOKED_FILE = "ca/revoked-serials";

  private final Path directory;
  private final String defaultMandant;
  private final TestPkiAuthorities authorities;
  private final TestCardIssuer issuer;
  private final CardPins pins;
  private final Map<String, SoftwareCard> cardsByHandle = new LinkedHashMap<>();

  private SoftwareCardStore(
      Path directory, String defaultMandant, TestPkiAuthorities authorities, CardPins pins) {
    this.directory = directory;
    this.defaultMandant = defaultMandant;
    this.authorities = authorities;
    this.issuer = new TestCardIssuer(directory.resolve("cards"), authorities);
    this.pins = pins;
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
    boolean fresh = !TestPkiAuthorities.existIn(directory);
    TestPkiAuthorities authorities =
        fresh ? TestPkiAuthorities.create(directory) : TestPkiAuthorities.load(directory);
    SoftwareCardStore store =
        new SoftwareCardStore(directory, defaultMandant, authorities, CardPins.load(directory));
    for (SoftwareCard card :
        CardFiles.readAll(directory.resolve("cards"), authorities.password())) {
      store.cardsByHandle.put(card.cardHandle(), card);
    }
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

  /** Issues a new card from the test PKI and writes it next to the others. */
  public synchronized CardInfo issue(TestCardRequest request) throws KonnektorException {
    String mandant = request.mandantId() == null ? defaultMandant : request.mandantId();
    String ocspUrl =
        request.ocspUrl() != null ? request.ocspUrl() : System.getProperty(OCSP_URL_PROPERTY);
    try {
      SoftwareCard card = issuer.issue(request, mandant, ocspUrl);
      cardsByHandle.put(card.cardHandle(), card);
      LOG.info(
          () ->
              "Software Konnektor: issued "
                  + request.type().wireName()
                  + " card "
                  + card.cardHandle());
      return card.info();
    } catch (IOException | GeneralSecurityException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Cannot issue test card: " + e.getMessage(), e);
    }
  }

  /** The PINs of the cards in this store. */
  CardPins pins() {
    return pins;
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
    return Set.of(new TrustAnchor(authorities.root().certificate(), null));
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
      return TestPkiOcspResponder.respond(
          requestDer, List.of(authorities.smcbCa(), authorities.hbaCa()), revoked);
    } catch (IOException | GeneralSecurityException | NumberFormatException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Test PKI OCSP responder: " + e.getMessage(), e);
    }
  }
}
