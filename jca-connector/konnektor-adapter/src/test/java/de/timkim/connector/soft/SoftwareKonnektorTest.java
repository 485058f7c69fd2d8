package de.timkim.connector.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardLockedException;
import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.CertificateInvalidException;
import de.timkim.connector.ContentEncryption;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorContext;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.PinStatus;
import de.timkim.connector.PinType;
import de.timkim.connector.SignatureVerification;
import de.timkim.connector.TestCardRequest;
import de.timkim.connector.TestCardRequest.CertificateState;
import de.timkim.connector.UnknownCardHandleException;
import de.timkim.connector.WrongPinException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.isismtt.ISISMTTObjectIdentifiers;
import org.bouncycastle.asn1.isismtt.x509.AdmissionSyntax;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SoftwareKonnektorTest {

  private static final KonnektorContext CONTEXT = new KonnektorContext("TIM-KIM", "TIM-KIM", "WP1");
  private static final byte[] DOCUMENT =
      "Arztbrief für Frau Muster".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path directory;
  private static SoftwareKonnektor konnektor;
  private static String smcb;
  private static String hba;

  @BeforeAll
  static void createPki() throws Exception {
    konnektor = new SoftwareKonnektor(SoftwareCardStore.open(directory, "TIM-KIM"), CONTEXT);
    List<CardInfo> cards = konnektor.getCards(CONTEXT);
    smcb =
        cards.stream()
            .filter(c -> c.type() == CardType.SMC_B)
            .findFirst()
            .orElseThrow()
            .cardHandle();
    hba =
        cards.stream().filter(c -> c.type() == CardType.HBA).findFirst().orElseThrow().cardHandle();
  }

  @Test
  void firstStartCreatesTestRootAndOneSmcbAndOneHba() throws Exception {
    assertTrue(
        Files.readString(directory.resolve("root-ca.pem"))
            .startsWith("-----BEGIN CERTIFICATE-----"));
    assertEquals(2, konnektor.getCards(CONTEXT).size());
  }

  @Test
  void reopeningTheDirectoryFindsTheSameCards() throws Exception {
    var again = new SoftwareKonnektor(SoftwareCardStore.open(directory, "TIM-KIM"), CONTEXT);
    assertEquals(
        konnektor.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.ECC),
        again.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.ECC));
  }

  @Test
  void smcbCertificatesCarryTelematikIdAndHospitalProfessionOidInAdmission() throws Exception {
    var certificate = konnektor.readCardCertificate(CONTEXT, smcb, CertRef.AUT, Crypt.RSA);
    var extension =
        new JcaX509CertificateHolder(certificate)
            .getExtension(ISISMTTObjectIdentifiers.id_isismtt_at_admission);
    var info =
        AdmissionSyntax.getInstance(extension.getParsedValue())
            .getContentsOfAdmissions()[0]
            .getProfessionInfos()[0];
    assertEquals("5-SMC-B-Testkarte-883110000000001", info.getRegistrationNumber());
    assertEquals("1.2.276.0.76.4.53", info.getProfessionOIDs()[0].getId());
  }

  @Test
  void eccCertificatesUseBrainpoolP256r1() throws Exception {
    var certificate = konnektor.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.ECC);
    var holder = new JcaX509CertificateHolder(certificate);
    assertEquals(
        "1.3.36.3.3.2.8.1.1.7",
        holder.getSubjectPublicKeyInfo().getAlgorithm().getParameters().toString());
  }

  @Test
  void documentSignedWithSmcbRsaAndEccVerifiesAgainstTheTestRoot() throws Exception {
    for (Crypt crypt : Crypt.values()) {
      byte[] cms = konnektor.signDocument(CONTEXT, smcb, crypt, DOCUMENT, true);
      SignatureVerification result = konnektor.verifyDocument(CONTEXT, cms, null);
      assertTrue(result.valid(), crypt + ": " + result.reason());
      assertEquals(
          konnektor.readCardCertificate(CONTEXT, smcb, CertRef.SIG, crypt), result.signer());
    }
  }

  @Test
  void detachedSignatureFailsForChangedContent() throws Exception {
    byte[] cms = konnektor.signDocument(CONTEXT, hba, Crypt.RSA, DOCUMENT, false);
    assertTrue(konnektor.verifyDocument(CONTEXT, cms, DOCUMENT).valid());
    var changed =
        konnektor.verifyDocument(
            CONTEXT, cms, "Arztbrief für Herrn Muster".getBytes(StandardCharsets.UTF_8));
    assertEquals(SignatureVerification.Result.INVALID, changed.result());
  }

  @ParameterizedTest
  @EnumSource(ContentEncryption.class)
  void documentEncryptedForRsaAndEccRecipientsDecryptsWithEachCard(ContentEncryption encryption)
      throws Exception {
    var rsa = konnektor.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.RSA);
    var ecc = konnektor.readCardCertificate(CONTEXT, hba, CertRef.ENC, Crypt.ECC);
    byte[] enveloped = konnektor.encryptDocument(CONTEXT, List.of(rsa, ecc), DOCUMENT, encryption);
    assertArrayEquals(DOCUMENT, konnektor.decryptDocument(CONTEXT, smcb, Crypt.RSA, enveloped));
    assertArrayEquals(DOCUMENT, konnektor.decryptDocument(CONTEXT, hba, Crypt.ECC, enveloped));
  }

  @Test
  void kim15FormatIsAuthEnvelopedDataWithAes256GcmTwelveByteNonceAndSixteenByteTag()
      throws Exception {
    var rsa = konnektor.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.RSA);
    byte[] document =
        konnektor.encryptDocument(CONTEXT, List.of(rsa), DOCUMENT, ContentEncryption.AES_256_GCM);
    ContentInfo info = ContentInfo.getInstance(document);
    assertEquals(CMSObjectIdentifiers.authEnvelopedData, info.getContentType());
    AuthEnvelopedData data = AuthEnvelopedData.getInstance(info.getContent());
    var algorithm = data.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm();
    assertEquals(NISTObjectIdentifiers.id_aes256_GCM, algorithm.getAlgorithm());
    GCMParameters gcm = GCMParameters.getInstance(algorithm.getParameters());
    assertEquals(12, gcm.getNonce().length);
    assertEquals(16, gcm.getIcvLen());
    assertEquals(16, data.getMac().getOctets().length);
    assertFalse(
        new String(document, StandardCharsets.ISO_8859_1).contains("Arztbrief"),
        "no plaintext in the document");
  }

  @Test
  void kim10FormatIsEnvelopedDataWithAes256Cbc() throws Exception {
    var rsa = konnektor.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.RSA);
    ContentInfo info =
        ContentInfo.getInstance(
            konnektor.encryptDocument(
                CONTEXT, List.of(rsa), DOCUMENT, ContentEncryption.AES_256_CBC));
    assertEquals(CMSObjectIdentifiers.envelopedData, info.getContentType());
    assertEquals(
        NISTObjectIdentifiers.id_aes256_CBC,
        EnvelopedData.getInstance(info.getContent())
            .getEncryptedContentInfo()
            .getContentEncryptionAlgorithm()
            .getAlgorithm());
  }

  @ParameterizedTest
  @EnumSource(Crypt.class)
  void alteredGcmContentOrTagFailsWithAClearMessage(Crypt crypt) throws Exception {
    String card = crypt == Crypt.RSA ? smcb : hba;
    var certificate = konnektor.readCardCertificate(CONTEXT, card, CertRef.ENC, crypt);
    byte[] document =
        konnektor.encryptDocument(
            CONTEXT, List.of(certificate), DOCUMENT, ContentEncryption.AES_256_GCM);
    for (boolean alterTag : new boolean[] {true, false}) {
      byte[] altered = alter(document, alterTag);
      var e =
          assertThrows(
              KonnektorException.class,
              () -> konnektor.decryptDocument(CONTEXT, card, crypt, altered));
      assertEquals(KonnektorErrorCode.DECRYPTION_FAILED, e.code());
      assertTrue(e.getMessage().contains("verändert"), e.getMessage());
    }
  }

  /** The AuthEnvelopedData with one bit of its tag or of its ciphertext flipped. */
  private static byte[] alter(byte[] document, boolean tag) throws Exception {
    var data = AuthEnvelopedData.getInstance(ContentInfo.getInstance(document).getContent());
    var content = data.getAuthEncryptedContentInfo();
    byte[] mac = data.getMac().getOctets().clone();
    byte[] ciphertext = content.getEncryptedContent().getOctets().clone();
    if (tag) {
      mac[0] ^= 0x01;
    } else {
      ciphertext[ciphertext.length / 2] ^= 0x01;
    }
    var altered =
        new AuthEnvelopedData(
            data.getOriginatorInfo(),
            data.getRecipientInfos(),
            new EncryptedContentInfo(
                content.getContentType(),
                content.getContentEncryptionAlgorithm(),
                new DEROctetString(ciphertext)),
            data.getAuthAttrs(),
            new DEROctetString(mac),
            data.getUnauthAttrs());
    return new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, altered).getEncoded();
  }

  @Test
  void decryptingWithACardTheDocumentIsNotForAnswersWrongKey() throws Exception {
    var rsa = konnektor.readCardCertificate(CONTEXT, smcb, CertRef.ENC, Crypt.RSA);
    byte[] enveloped =
        konnektor.encryptDocument(CONTEXT, List.of(rsa), DOCUMENT, ContentEncryption.AES_256_GCM);
    var e =
        assertThrows(
            KonnektorException.class,
            () -> konnektor.decryptDocument(CONTEXT, hba, Crypt.RSA, enveloped));
    assertEquals(KonnektorErrorCode.WRONG_KEY, e.code());
  }

  @Test
  void externalAuthenticateSignsTheDigestWithTheAuthenticationKey() throws Exception {
    byte[] challenge = "idp-challenge".getBytes(StandardCharsets.UTF_8);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(challenge);

    byte[] rsaSignature = konnektor.externalAuthenticate(CONTEXT, smcb, Crypt.RSA, digest);
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    pss.initVerify(
        konnektor.readCardCertificate(CONTEXT, smcb, CertRef.AUT, Crypt.RSA).getPublicKey());
    pss.update(challenge);
    assertTrue(pss.verify(rsaSignature));

    byte[] eccSignature = konnektor.externalAuthenticate(CONTEXT, smcb, Crypt.ECC, digest);
    Signature ecdsa = Signature.getInstance("SHA256withECDSA", BouncyCastle.provider());
    ecdsa.initVerify(
        konnektor.readCardCertificate(CONTEXT, smcb, CertRef.AUT, Crypt.ECC).getPublicKey());
    ecdsa.update(challenge);
    assertTrue(ecdsa.verify(eccSignature));
  }

  @Test
  void wrongPinCountsDownThenBlocksAndABlockedCardCannotSign() throws Exception {
    String card =
        konnektor
            .issueTestCard(
                new TestCardRequest(
                    CardType.SMC_B,
                    "Praxis Dr. Blockiert",
                    "1-2-PRAXIS-BLOCK",
                    "1.2.276.0.76.4.50",
                    null,
                    CertificateState.VALID))
            .cardHandle();
    char[] wrong = "000000".toCharArray();
    var first =
        assertThrows(
            WrongPinException.class,
            () -> konnektor.verifyPin(CONTEXT, card, PinType.PIN_SMC, wrong));
    assertEquals(2, first.leftTries());
    assertEquals(KonnektorErrorCode.PIN_REJECTED, first.code());
    assertThrows(
        WrongPinException.class, () -> konnektor.verifyPin(CONTEXT, card, PinType.PIN_SMC, wrong));
    var third =
        assertThrows(
            CardLockedException.class,
            () -> konnektor.verifyPin(CONTEXT, card, PinType.PIN_SMC, wrong));
    assertEquals(KonnektorErrorCode.PIN_NOW_BLOCKED, third.code());
    assertEquals(
        PinStatus.BLOCKED, konnektor.getPinStatus(CONTEXT, card, PinType.PIN_SMC).status());
    var sign =
        assertThrows(
            CardLockedException.class,
            () -> konnektor.signDocument(CONTEXT, card, Crypt.RSA, DOCUMENT, true));
    assertEquals(KonnektorErrorCode.PIN_BLOCKED, sign.code());
  }

  @Test
  void rightPinResetsTheRetryCounter() throws Exception {
    var state = konnektor.verifyPin(CONTEXT, hba, PinType.PIN_CH, "123456".toCharArray());
    assertEquals(PinStatus.VERIFIED, state.status());
    assertEquals(3, state.leftTries());
  }

  @Test
  void unknownCardHandleIs4101() {
    var e =
        assertThrows(
            UnknownCardHandleException.class,
            () -> konnektor.signDocument(CONTEXT, "no-such-card", Crypt.RSA, DOCUMENT, true));
    assertEquals(4101, e.code());
  }

  @Test
  void unknownMandantIs4004() {
    var other = new KonnektorContext("Fremder-Mandant", "TIM-KIM", "WP1");
    var e = assertThrows(KonnektorException.class, () -> konnektor.getCards(other));
    assertEquals(4004, e.code());
  }

  @Test
  void expiredCardCannotSignAndIsNotARecipient() throws Exception {
    String card =
        konnektor
            .issueTestCard(
                new TestCardRequest(
                    CardType.HBA,
                    "Dr. Abgelaufen",
                    "1-HBA-EXPIRED",
                    "1.2.276.0.76.4.30",
                    null,
                    CertificateState.EXPIRED))
            .cardHandle();
    var sign =
        assertThrows(
            CertificateInvalidException.class,
            () -> konnektor.signDocument(CONTEXT, card, Crypt.ECC, DOCUMENT, true));
    assertTrue(sign.expired());
    assertEquals(1021, sign.code());
    var certificate = konnektor.readCardCertificate(CONTEXT, card, CertRef.ENC, Crypt.RSA);
    assertThrows(
        CertificateInvalidException.class,
        () ->
            konnektor.encryptDocument(
                CONTEXT, List.of(certificate), DOCUMENT, ContentEncryption.AES_256_GCM));
  }

  @Test
  void revokedCardCannotSignAndItsOldSignaturesAreInvalid() throws Exception {
    String card =
        konnektor
            .issueTestCard(
                new TestCardRequest(
                    CardType.SMC_B,
                    "Widerrufene Praxis",
                    "1-2-REVOKED",
                    "1.2.276.0.76.4.50",
                    null,
                    CertificateState.REVOKED))
            .cardHandle();
    var e =
        assertThrows(
            CertificateInvalidException.class,
            () -> konnektor.signDocument(CONTEXT, card, Crypt.RSA, DOCUMENT, true));
    assertTrue(e.revoked());
    assertEquals(1047, e.code());
    assertFalse(konnektor.verifyDocument(CONTEXT, new byte[] {0x30, 0x00}, null).valid());
  }

  @Test
  void pkcs12FilesAreProtectedByThePasswordFile() throws Exception {
    char[] password = Files.readString(directory.resolve("keystore-password")).trim().toCharArray();
    Path file;
    try (var dirs = Files.list(directory.resolve("cards"))) {
      file = dirs.findFirst().orElseThrow().resolve("C.HCI.ENC-ECC.p12");
    }
    if (Files.exists(file)) {
      assertEquals("EC", Pkcs12Files.read(file, password).key().getAlgorithm());
      assertThrows(
          java.security.GeneralSecurityException.class,
          () -> Pkcs12Files.read(file, "wrong".toCharArray()));
    }
  }
}
